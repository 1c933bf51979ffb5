// A hand-made run covering every state, a waiver, a label decision and hostile text, for
// the reporters' tests and as a demo input. Not used at run time.
import type { Finding } from '../model/finding.ts';
import type { RunModel, TestResult } from '../model/run.ts';

/** Text that must stay inert in every report: markup, quotes, control and non-ASCII characters. */
export const HOSTILE = `<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2"> & 'quotes' \u0001\u0007 Zürich 東京 \u2028end`;

function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'reqIds' | 'message'>): Finding {
  return { severity: 'error', location: { artefact: 'kos-1.dcm', path: '(0040,A375)[0]' }, ...over };
}

function test(over: Partial<TestResult> & Pick<TestResult, 'id' | 'title' | 'state'>): TestResult {
  return { reqIds: [], durationMs: 12, steps: [], findings: [], evidence: [], ...over };
}

export function sampleRun(): RunModel {
  const tests: TestResult[] = [
    test({
      id: 'kos.manifest-title',
      title: 'Document title is Manifest',
      group: 'KOS',
      actor: 'Imaging Document Source',
      reqIds: ['KOS-010'],
      state: 'pass',
      durationMs: 4,
      steps: [
        {
          id: 'kos.manifest-title.read',
          title: 'Read the manifest',
          reqIds: ['KOS-010'],
          state: 'pass',
          durationMs: 3,
          findings: [],
          evidence: ['ex-0001'],
          notChecked: { reqIds: ['KOS-014'], reason: 'no location table' },
        },
      ],
      evidence: ['ex-0001'],
    }),
    test({
      id: 'kos.retrieve-url',
      title: 'Retrieve URL on every series',
      group: 'KOS',
      actor: 'Imaging Document Source',
      reqIds: ['KOS-022'],
      state: 'fail',
      durationMs: 31,
      steps: [
        {
          id: 'kos.retrieve-url.series',
          title: 'Each series carries a Retrieve URL',
          reqIds: ['KOS-022'],
          state: 'fail',
          durationMs: 30,
          findings: [
            finding({
              ruleId: 'kos.retrieve-url',
              reqIds: ['KOS-022'],
              message: 'Retrieve URL (0008,1190) missing in series 2',
              evidence: ['ex-0002'],
            }),
          ],
          evidence: ['ex-0002'],
        },
      ],
      findings: [
        finding({
          ruleId: 'kos.retrieve-url',
          reqIds: ['KOS-022'],
          message: 'Retrieve URL (0008,1190) missing in series 2',
          evidence: ['ex-0002'],
        }),
        finding({
          ruleId: 'kos.hostile',
          reqIds: ['KOS-022', 'KOS-014'],
          severity: 'warning',
          message: HOSTILE,
          location: { artefact: 'kos-"1".dcm', path: '(0008,1115)[1]<&>' },
        }),
      ],
      evidence: ['ex-0002'],
    }),
    test({
      id: 'xds.provide-register',
      title: 'Provide and Register over SOAP 1.2 with MTOM/XOP',
      group: 'XDS',
      actor: 'Imaging Document Source',
      reqIds: ['XDS-001'],
      state: 'error',
      durationMs: 1500,
      message: 'repository simulator stopped: ECONNRESET',
    }),
    test({
      id: 'wado.retrieve-study',
      title: 'Retrieve study',
      group: 'WADO',
      actor: 'Imaging Document Consumer',
      reqIds: ['WADO-001'],
      state: 'skip',
      message: 'no study UID configured',
    }),
    test({
      id: 'wado.retrieve-series',
      title: 'Retrieve series',
      group: 'WADO',
      actor: 'Imaging Document Consumer',
      reqIds: ['WADO-002'],
      state: 'omit',
      message: 'SUT does not act as consumer',
    }),
    test({
      id: 'ris.mllp',
      title: 'MLLP framing',
      group: 'RIS',
      actor: 'Report Creator',
      reqIds: ['RIS-001'],
      state: 'wait',
      message: 'waiting for ORU^R01',
    }),
  ];
  return {
    schemaVersion: '1',
    tool: { name: 'mcwg-conformance', version: '0.1.0' },
    catalogue: { version: '1.0.0' },
    plan: { id: 'xdsi-source', version: '1.0.0', title: 'XDS-I.b Imaging Document Source' },
    sut: { name: 'ACME PACS 9', roles: ['Imaging Document Source'], profile: { baseUrl: 'http://127.0.0.1:0' } },
    startedAt: '2026-01-02T03:04:05.000Z',
    endedAt: '2026-01-02T03:04:07.000Z',
    durationMs: 2000,
    incomplete: true,
    state: 'wait',
    counts: { pass: 1, fail: 1, skip: 1, omit: 1, error: 1, wait: 1 },
    tests,
    requirements: [
      {
        id: 'KOS-010',
        title: 'Document title is Manifest',
        level: 'SHALL',
        state: 'pass',
        tests: ['kos.manifest-title'],
        errors: 0,
        warnings: 0,
      },
      {
        id: 'KOS-014',
        title: 'Evidence lists every referenced instance',
        level: 'SHALL',
        state: 'fail',
        tests: ['kos.retrieve-url'],
        errors: 0,
        warnings: 1,
      },
      {
        id: 'KOS-022',
        title: 'Retrieve URL on every series',
        level: 'SHALL',
        state: 'fail',
        tests: ['kos.retrieve-url'],
        errors: 1,
        warnings: 1,
        waived: { reason: 'Programme accepts WADO-URI for "now" =cmd' },
      },
      {
        id: 'XDS-001',
        title: 'Provide and Register over SOAP 1.2 with MTOM/XOP',
        level: 'SHALL',
        state: 'error',
        tests: ['xds.provide-register'],
        errors: 0,
        warnings: 0,
      },
      { id: 'WADO-001', title: 'Retrieve study', level: 'SHALL', state: 'skip', tests: ['wado.retrieve-study'], errors: 0, warnings: 0 },
      { id: 'WADO-002', title: 'Retrieve series', level: 'SHALL', state: 'omit', tests: ['wado.retrieve-series'], errors: 0, warnings: 0 },
      { id: 'RIS-001', title: 'MLLP framing', level: 'SHALL', state: 'wait', tests: ['ris.mllp'], errors: 0, warnings: 0 },
    ],
    overrides: [{ kind: 'waiver', target: 'KOS-022', reason: 'Programme accepts WADO-URI', source: 'suites/presets/demo.yaml' }],
    relaxations: [],
    labels: [
      {
        policy: { id: 'demo-label', version: '2026.1' },
        role: 'Imaging Document Source',
        outcome: 'incomplete',
        required: [
          { id: 'KOS-010', level: 'SHALL', state: 'pass' },
          { id: 'KOS-022', level: 'SHALL', state: 'fail', waived: { reason: 'Programme accepts WADO-URI' } },
          { id: 'XDS-001', level: 'SHALL', state: 'error' },
        ],
        reasons: ['XDS-001 ended in error: re-run needed'],
      },
      {
        policy: { id: 'demo-label', version: '2026.1' },
        role: 'WADO-RS Source',
        outcome: 'not-eligible',
        required: [
          { id: 'WADO-001', level: 'SHALL', state: 'skip' },
          { id: 'WADO-002', level: 'SHALL', state: 'omit', notApplicable: { reason: 'option RAD-69 not declared' } },
        ],
        reasons: ['not eligible: the role requires option <XDS-I.b>, which the SUT does not declare', 'WADO-001 (SHALL) was not tested'],
      },
    ],
  };
}
