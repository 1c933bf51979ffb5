import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { RunModel } from '../model/run.ts';
import { renderHtml, scriptJson } from './html.ts';
import { HOSTILE, sampleRun } from './sample-run.ts';

function hostileRun(): RunModel {
  const run = sampleRun();
  const t = run.tests[1]!;
  t.actor = `</script><script>window.__pwned=3</script>`;
  t.reqIds = [...t.reqIds, `"><img src=x onerror=alert(1)>`];
  t.title = HOSTILE;
  run.sut.name = `<script>alert(1)</script>`;
  run.plan.title = `"><img onerror=alert(1)>`;
  return run;
}

/** The markup outside the JSON data block (inside it, text is JSON, not HTML). */
function markup(html: string): string {
  return html.replace(/<script type="application\/json" id="run-data">.*?<\/script>/s, '');
}

describe('renderHtml', () => {
  const html = renderHtml(hostileRun());

  test('renders hostile text escaped, never as a live tag or attribute', () => {
    expect(html).toContain('&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;');
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/<img/i);
    expect(markup(html)).not.toMatch(/\sonerror=/i);
    // Exactly our two script elements: the JSON block and the filter script.
    expect(html.match(/<script[\s>]/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  test('embeds filter data as JSON that cannot close its block, and parses back to the same values', () => {
    const block = /<script type="application\/json" id="run-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(block) as { tests: { actor: string; reqIds: string[] }[] };
    // The failed test (plan index 1) comes first: failed and error tests lead the report.
    expect(data.tests[0]?.actor).toBe('</script><script>window.__pwned=3</script>');
    expect(data.tests[0]?.reqIds).toContain('"><img src=x onerror=alert(1)>');
    expect(scriptJson({ s: '\u2028</script>&' })).toBe('{"s":"\\u2028\\u003c/script\\u003e\\u0026"}');
  });

  test('references no external asset and allows only its own hashed style and script', () => {
    expect(markup(html)).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html.replace(/&#x27;/g, "'")).toMatch(/default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
  });

  test('shows header, counts, filters, tests with steps and findings, requirements and the label with waivers', () => {
    const plain = renderHtml(sampleRun());
    expect(plain).toContain('<title>XDS-I.b Imaging Document Source – ACME PACS 9 – wait</title>');
    expect(plain).toContain('data-state="fail" aria-pressed="false">fail (1)</button>');
    expect(plain).toContain('<option>Imaging Document Consumer</option>');
    expect(plain).toContain('<option value="KOS-022">KOS-022 Retrieve URL on every series</option>');
    expect(plain).toContain('Steps (1)');
    expect(plain).toContain('<code class="evidence-id">ex-0002</code>');
    expect(plain).toMatch(/<tr class="requirement" data-index="\d+">\s*<td><code>KOS-022<\/code>/);
    expect(plain).toContain('<em>waived: Programme accepts WADO-URI</em>');
    expect(plain).toContain('Label demo-label 2026.1');
    // One section per declared role, the ineligible one saying why.
    expect(plain.match(/<details class="label" id="label-\d"/g)).toHaveLength(2);
    expect(plain).toMatch(/for WADO-RS Source: <span class="state state-skip">not-eligible<\/span>/);
    expect(plain).toContain('<li>not eligible: the role requires option &lt;XDS-I.b&gt;, which the SUT does not declare</li>');
    expect(plain).toContain('<em>not applicable: option RAD-69 not declared</em>');
    expect(plain).toContain('<div class="msg">not tested (the check could not run): KOS-014: no location table</div>');
    expect(plain.match(/<tbody class="test"/g)).toHaveLength(6);
  });

  test('renders a run without label, overrides or tests (strict template, no missing field)', () => {
    const { labels: _, ...run } = sampleRun();
    const html2 = renderHtml({ ...run, overrides: [], tests: [], requirements: [] });
    expect(html2).not.toContain('class="label"');
    expect(html2).toContain('all (0)');
  });

  test('the template inserts raw HTML only for the CSS, the script and the JSON data', () => {
    const hbs = readFileSync(new URL('./templates/report.hbs', import.meta.url), 'utf8');
    expect(hbs).not.toContain('{{{');
    expect(hbs).not.toContain('{{&');
  });
});

describe('report.html at a glance', () => {
  const run = sampleRun();
  const excerpt = {
    id: 'ex-0002',
    transaction: 'RAD-68',
    from: 'sut',
    to: 'our repository',
    error: null,
    request: {
      line: 'POST /xds/repository',
      contentType: 'multipart/related',
      size: 9000,
      text: '<soap:Envelope><img src=x onerror=alert(1)></soap:Envelope>',
      more: 4904,
    },
    response: { line: 'HTTP 200', contentType: 'application/dicom', size: 300, text: null, more: 0 },
  };
  const html = renderHtml(run, { 'ex-0002': excerpt, 'ex-0001': { ...excerpt, id: 'ex-0001' } });

  test('opens with a summary: verdict, counts by state, and each role with its reasons one per line', () => {
    const summary = /<section class="summary" id="summary"[^>]*>(.*?)<\/section>/s.exec(html)?.[1] ?? '';
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('class="meta"'));
    expect(summary).toContain('<strong>Verdict</strong> <span class="state state-wait">wait</span>');
    expect(summary.replace(/\s+/g, ' ')).toContain(
      '6 tests: <span class="count count-pass">1 pass</span> <span class="count count-fail">1 fail</span>',
    );
    expect(summary).toMatch(/<strong>Imaging Document Source<\/strong>: <span class="state state-wait">incomplete<\/span>/);
    expect(summary).toMatch(/<strong>WADO-RS Source<\/strong>: <span class="state state-skip">not-eligible<\/span>/);
    // The sample's own reasons, one <li> each (taken from the run: named here, their IDs would count as coverage).
    for (const reason of run.labels!.flatMap((l) => l.reasons))
      expect(summary).toContain(`<li>${reason.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</li>`);
  });

  test('lists failed and error tests first, the rest in plan order', () => {
    expect([...html.matchAll(/<tbody class="test" data-index="\d+" data-state="(\w+)"/g)].map((m) => m[1])).toEqual([
      'fail',
      'error',
      'pass',
      'skip',
      'omit',
      'wait',
    ]);
  });

  test('puts the requirement title beside its ID in tests, steps, findings and the label', () => {
    const req = '<span class="req"><code>KOS-022</code> <span class="req-title">Retrieve URL on every series</span></span>';
    const failed = /<tbody class="test" data-index="0".*?(?=<tbody class="test" data-index="1")/s.exec(html)?.[0] ?? '';
    // The test row, its step and its two findings each cite KOS-022 with its title.
    expect(failed.split(req).length - 1).toBe(4);
    const errored = run.requirements.find((r) => r.state === 'error')!;
    expect(html).toContain(
      `<span class="req"><code>${errored.id}</code> <span class="req-title">Provide and Register over SOAP 1.2 with MTOM/XOP</span></span> SHALL`,
    );
  });

  test("shows a failed test's exchanges with bounded, escaped bodies, and none for passed tests", () => {
    const failed = /<tbody class="test" data-index="0".*?(?=<tbody class="test" data-index="1")/s.exec(html)?.[0] ?? '';
    expect(failed).toContain('<section class="exchange" id="exchange-ex-0002">');
    expect(failed).toContain(
      '<pre class="body">&lt;soap:Envelope&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;/soap:Envelope&gt;</pre>',
    );
    expect(failed).toContain('… 4904 more bytes in the evidence bundle');
    expect(failed).toContain('body not shown (binary or empty)');
    expect(failed).toMatch(/<details class="steps" open>/);
    // ex-0001 belongs to the passing test: its body is not shown.
    expect(html).not.toContain('id="exchange-ex-0001"');
  });
});
