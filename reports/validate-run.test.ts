import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { TEST_STATES, type RunModel } from '../model/run.ts';
import { sampleRun } from './sample-run.ts';
import { RUN_SCHEMA_FILE, validateRun } from './validate-run.ts';

// Every optional field made required, recursively: the compiler then forces FULL (below) to
// carry every field of RunModel, so a field added to the model breaks this file until the
// schema test below agrees.
type DeepRequired<T> = T extends (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

const finding = (): DeepRequired<Finding> => ({
  ruleId: 'kos.retrieve-url',
  reqIds: ['KOS-022'],
  severity: 'error',
  message: 'missing',
  location: { artefact: 'a.dcm', path: '(0008,1190)' },
  evidence: ['ex-1'],
});

const FULL: DeepRequired<RunModel> = {
  schemaVersion: '1',
  tool: { name: 'mcwg-conformance', version: '0.1.0' },
  catalogue: { version: '1.0.0' },
  plan: { id: 'p', version: '1', title: 'Plan' },
  sut: { name: 'sut', roles: ['Imaging Document Source'], profile: { any: 'thing' } },
  startedAt: '2026-01-01T00:00:00Z',
  endedAt: '2026-01-01T00:00:01Z',
  durationMs: 1000,
  incomplete: false,
  state: 'fail',
  counts: { pass: 0, fail: 1, skip: 0, omit: 0, error: 0, wait: 0 },
  tests: [
    {
      id: 't',
      title: 'T',
      group: 'KOS',
      actor: 'Source',
      reqIds: ['KOS-022'],
      state: 'fail',
      durationMs: 5,
      message: 'm',
      steps: [
        {
          id: 's',
          title: 'S',
          reqIds: ['KOS-022'],
          state: 'fail',
          durationMs: 4,
          message: 'm',
          findings: [finding()],
          evidence: ['ex-1'],
          notChecked: { reqIds: ['KOS-022'], reason: 'no location table' },
        },
      ],
      findings: [finding()],
      evidence: ['ex-1'],
    },
  ],
  requirements: [
    { id: 'KOS-022', title: 'Retrieve URL', level: 'SHALL', state: 'fail', tests: ['t'], errors: 1, warnings: 0, waived: { reason: 'r' } },
  ],
  overrides: [{ kind: 'severity', target: 'kos.x', from: 'error', to: 'warning', reason: 'r', source: 'preset.yaml' }],
  relaxations: ['localTestSetup: loopback http accepted'],
  labels: [
    {
      policy: { id: 'l', version: '1' },
      role: 'Source',
      outcome: 'refused',
      required: [{ id: 'KOS-022', level: 'SHALL', state: 'fail', waived: { reason: 'r' }, notApplicable: { reason: 'n' } }],
      reasons: ['KOS-022 failed'],
    },
  ],
};

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  $ref?: string;
  enum?: string[];
}
const schema = JSON.parse(readFileSync(RUN_SCHEMA_FILE, 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? resolve(schema.$defs[node.$ref.replace('#/$defs/', '')] ?? {}) : node;
}

/** Every object in FULL has exactly the properties its schema node declares. */
function compareKeys(value: unknown, node: SchemaNode, path: string, out: string[]): void {
  const n = resolve(node);
  if (Array.isArray(value)) {
    for (const v of value) compareKeys(v, n.items ?? {}, `${path}[]`, out);
  } else if (value && typeof value === 'object' && n.properties) {
    const model = Object.keys(value).sort().join(',');
    const declared = Object.keys(n.properties).sort().join(',');
    if (model !== declared) out.push(`${path}: model {${model}} schema {${declared}}`);
    for (const [k, v] of Object.entries(value)) if (n.properties[k]) compareKeys(v, n.properties[k], `${path}.${k}`, out);
  }
}

describe('run.schema.json', () => {
  test('declares exactly the fields of RunModel at every level', () => {
    const drift: string[] = [];
    compareKeys(FULL, schema, '$', drift);
    expect(drift).toEqual([]);
  });

  test('accepts a fully populated run and the sample run', () => {
    expect(validateRun(FULL)).toEqual({ valid: true, errors: [] });
    expect(validateRun(sampleRun())).toEqual({ valid: true, errors: [] });
  });

  test('enumerates every TestState', () => {
    expect(schema.$defs.TestState?.enum).toEqual([...TEST_STATES]);
    for (const state of TEST_STATES) expect(validateRun({ ...FULL, state }).valid).toBe(true);
    expect(validateRun({ ...FULL, state: 'passed' }).valid).toBe(false);
  });

  test('rejects a run missing a required field, naming it', () => {
    const { endedAt: _, ...rest } = FULL;
    const result = validateRun(rest);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain("must have required property 'endedAt'");
  });

  test('rejects a finding without reqIds and an unknown field, with their paths', () => {
    const run = structuredClone(FULL) as unknown as { tests: { findings: Record<string, unknown>[] }[]; extra?: number };
    delete run.tests[0]!.findings[0]!.reqIds;
    run.extra = 1;
    const errors = validateRun(run).errors.join('\n');
    expect(errors).toContain("/tests/0/findings/0 must have required property 'reqIds'");
    expect(errors).toContain('must NOT have additional properties (extra)');
  });

  test('requires every required field the schema lists to be one the model always sets', () => {
    for (const key of schema.required ?? []) {
      const copy: Record<string, unknown> = { ...FULL };
      delete copy[key];
      expect(validateRun(copy).valid, key).toBe(false);
    }
    const { labels: _, ...noLabel } = FULL;
    expect(validateRun(noLabel).valid).toBe(true);
  });
});
