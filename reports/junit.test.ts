import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { renderJunit, xmlSafe } from './junit.ts';
import { HOSTILE, sampleRun } from './sample-run.ts';

interface Case {
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '#text': string };
  error?: { '#text': string };
  skipped?: { '@_message': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_time': string;
  testcase: Case[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
  htmlEntities: true,
});

function parse(xml: string): { testsuites: Suite & { testsuite: Suite[] } } {
  return parser.parse(xml) as { testsuites: Suite & { testsuite: Suite[] } };
}

describe('renderJunit', () => {
  const xml = renderJunit(sampleRun());
  const doc = parse(xml);
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);

  test('writes one testsuite per plan group and one testcase per test named by its requirement IDs and stable test id', () => {
    expect(doc.testsuites.testsuite.map((s) => s['@_name'])).toEqual(['KOS', 'XDS', 'WADO', 'RIS']);
    expect(cases.map((c) => c['@_name'])).toContain('KOS-022 Retrieve URL on every series [kos.retrieve-url]');
    expect(cases.map((c) => c['@_name']).filter((n) => n.endsWith(' MLLP framing [ris.mllp]'))).toHaveLength(1);
    expect(cases).toHaveLength(sampleRun().tests.length);
  });

  test('puts the findings of a failed test into its failure, with severity, reqIds and location', () => {
    const failed = cases.find((c) => c['@_name'].startsWith('KOS-022'));
    expect(failed?.failure?.['#text']).toContain(
      'error KOS-022 kos-1.dcm (0040,A375)[0]: Retrieve URL (0008,1190) missing in series 2 [kos.retrieve-url]',
    );
    expect(failed?.failure?.['#text']).toContain('<script>window.__pwned=1</script>');
    expect(cases.find((c) => c['@_name'].startsWith('XDS-001'))?.error?.['#text']).toContain('ECONNRESET');
    expect(cases.filter((c) => c.skipped).map((c) => c.skipped?.['@_message'].split(':')[0])).toEqual(['skip', 'omit', 'wait']);
  });

  test('carries every role decision as a property, an ineligible one with its reason', () => {
    expect(xml).toContain('<property name="label Imaging Document Source" value="incomplete; XDS-001 ended in error: re-run needed"/>');
    expect(xml).toContain(
      '<property name="label WADO-RS Source" value="not-eligible; not eligible: the role requires option &lt;XDS-I.b&gt;, which the SUT does not declare; WADO-001 (SHALL) was not tested"/>',
    );
  });

  test('keeps counts and times consistent between suites, cases and the root', () => {
    const suites = doc.testsuites.testsuite;
    for (const key of ['@_tests', '@_failures', '@_errors', '@_skipped'] as const) {
      expect(
        suites.reduce((n, s) => n + Number(s[key]), 0),
        key,
      ).toBe(Number(doc.testsuites[key]));
    }
    for (const s of suites) {
      expect(Number(s['@_tests'])).toBe(s.testcase.length);
      expect(Number(s['@_failures'])).toBe(s.testcase.filter((c) => c.failure).length);
      expect(Number(s['@_errors'])).toBe(s.testcase.filter((c) => c.error).length);
      expect(Number(s['@_skipped'])).toBe(s.testcase.filter((c) => c.skipped).length);
      expect(Number(s['@_time'])).toBeCloseTo(
        s.testcase.reduce((n, c) => n + Number(c['@_time']), 0),
        3,
      );
    }
  });

  test('escapes markup and replaces characters XML 1.0 cannot carry', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toContain('\\u0001\\u0007');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xmlSafe(HOSTILE)).toContain('Zürich 東京');
    expect(xmlSafe('a\uD800b')).toBe('a\\ud800b');
  });

  test('names a test without requirement IDs by its title and writes an empty run', () => {
    const run = sampleRun();
    const { group: _group, ...first } = run.tests[0]!;
    run.tests = [{ ...first, reqIds: [] }];
    expect(parse(renderJunit(run)).testsuites.testsuite[0]?.['@_name']).toBe('xdsi-source');
    expect(renderJunit(run)).toContain('name="Document title is Manifest [kos.manifest-title]"');
    // A validated file is its own id: named once.
    run.tests = [{ ...first, id: 'bad.dcm', title: 'bad.dcm', reqIds: [] }];
    expect(renderJunit(run)).toContain('name="bad.dcm"');
    expect(renderJunit({ ...run, tests: [] })).toContain('tests="0"');
  });
});
