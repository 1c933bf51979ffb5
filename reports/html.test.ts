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
    expect(data.tests[1]?.actor).toBe('</script><script>window.__pwned=3</script>');
    expect(data.tests[1]?.reqIds).toContain('"><img src=x onerror=alert(1)>');
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
    expect(plain).toContain('<option>KOS-022</option>');
    expect(plain).toContain('Steps (1)');
    expect(plain).toContain('<code class="evidence-id">ex-0002</code>');
    expect(plain).toMatch(/<tr class="requirement" data-index="\d+">\s*<td><code>KOS-022<\/code>/);
    expect(plain).toContain('<em>waived: Programme accepts WADO-URI</em>');
    expect(plain).toContain('Label demo-label 2026.1');
    // One section per declared role, the ineligible one saying why.
    expect(plain.match(/<section class="label" id="label-\d"/g)).toHaveLength(2);
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
