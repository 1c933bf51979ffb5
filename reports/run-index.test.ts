import { describe, expect, test } from 'vitest';
import { renderRunIndex } from './run-index.ts';
import { sampleRun } from './sample-run.ts';

const META = { tool: 'mcwg-conformance 0.1.0', startedAt: '2026-01-02T03:04:05.000Z' };

describe('renderRunIndex', () => {
  const failing = sampleRun();
  failing.state = 'fail';
  const passing = {
    ...sampleRun(),
    state: 'pass' as const,
    plan: { id: 'wado-rs-source', version: '1.0.0', title: 'WADO-RS Source' },
    labels: [{ ...sampleRun().labels![0]!, outcome: 'granted' as const }],
  };
  const html = renderRunIndex(
    [
      { planId: 'xdsi-source', href: 'xdsi-source/report.html', run: failing },
      { planId: 'wado-rs-source', href: 'wado-rs-source/report.html', run: passing },
      { planId: 'report-source', note: 'not run (needs mllp_send: bash scripts/install-peers.sh)', state: 'skip' },
      { planId: 'kin-creator', note: 'error before a report: EADDRINUSE', state: 'error' },
    ],
    META,
  );

  test('lists every plan with its verdict, counts and link to its report', () => {
    expect([...html.matchAll(/<tr class="plan" data-state="(\w+)"/g)].map((m) => m[1])).toEqual(['fail', 'pass', 'skip', 'error']);
    expect(html).toContain('<a href="xdsi-source/report.html">XDS-I.b Imaging Document Source</a>');
    expect(html).toContain('<a href="wado-rs-source/report.html">WADO-RS Source</a>');
    expect(html).toContain('6 tests: 1 pass, 1 fail, 1 error, 1 skip, 1 omit, 1 wait <strong>incomplete</strong>');
    expect(html).toContain('not run (needs mllp_send: bash scripts/install-peers.sh)');
    expect(html).toContain('error before a report: EADDRINUSE');
  });

  test('names the label decision per role, with the first reason when it is not granted', () => {
    expect(html).toContain(
      `<strong>Imaging Document Source</strong>: <span class="state state-wait">incomplete</span> <span class="muted">${failing.labels![0]!.reasons[0]}</span>`,
    );
    expect(html).toContain(
      '<strong>WADO-RS Source</strong>: <span class="state state-skip">not-eligible</span> <span class="muted">not eligible: the role requires option &lt;XDS-I.b&gt;, which the SUT does not declare (+1 more in the report)</span>',
    );
    expect(html).toMatch(/<strong>Imaging Document Source<\/strong>: <span class="state state-pass">granted<\/span><\/li>/);
  });

  test('reads as its worst plan in the title', () => {
    expect(html).toContain('<title>mcwg run of 4 plans – error</title>');
  });

  test('is self-contained: hashed style, no script, no external reference, hostile text escaped', () => {
    const hostile = sampleRun();
    hostile.plan.title = '<script>alert(1)</script>';
    const out = renderRunIndex([{ planId: 'x"><img src=y>', href: 'x"><img src=y>/report.html', run: hostile }], META);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<a href="x%22%3E%3Cimg%20src%3Dy%3E/report.html">');
    expect(out).not.toMatch(/https?:\/\//);
    expect(out.replace(/&#x27;/g, "'")).toMatch(/default-src 'none'; style-src 'sha256-[^']+'; script-src 'none'/);
  });
});
