import { describe, expect, test } from 'vitest';
import type { Finding } from '../../model/finding.ts';
import type { RunModel, StepResult, TestResult, TestState } from '../../model/run.ts';
import { catalogueActors, decide, decideRole, withLabels, type LabelFacts, type LabelPolicy, type LabelRun } from './decide.ts';

// Made-up IDs: decide() takes plain data, and real IDs here would count as coverage.
const ROLE = 'Imaging Document Source';
const REGISTRY = 'Document Registry';

const policy = (over: Partial<LabelPolicy['roles'][number]> = {}, more: LabelPolicy['roles'] = []): LabelPolicy => ({
  id: 'test-policy',
  version: '1.2.0',
  roles: [{ role: ROLE, require: [{ id: 'FAKE-901' }, { id: 'FAKE-902' }], waivers: [], ...over }, ...more],
});

const facts: LabelFacts = {
  requirements: {
    'FAKE-901': { level: 'SHALL', actor: ROLE },
    'FAKE-902': { level: 'SHALL', actor: ROLE },
    'FAKE-903': { level: 'SHOULD', actor: ROLE },
    'FAKE-904': { level: 'SHALL', unverified: true },
    'FAKE-905': { level: 'MAY' },
    'FAKE-906': { level: 'SHALL', actor: REGISTRY },
    'FAKE-907': { level: 'SHALL', actor: 'All actors' },
  },
  options: [],
};

const step = (reqIds: string[], state: TestState, extra: Partial<StepResult> = {}): StepResult => ({
  id: 's',
  title: 's',
  reqIds,
  state,
  durationMs: 0,
  findings: [],
  evidence: [],
  ...extra,
});
const test1 = (id: string, steps: StepResult[], actor?: string): TestResult => ({
  id,
  title: id,
  ...(actor ? { actor } : {}),
  reqIds: [...new Set(steps.flatMap((s) => s.reqIds))],
  state: steps[0]!.state,
  durationMs: 0,
  steps,
  findings: [],
  evidence: [],
});
/** One test per requirement, each ending in the given state. */
const run = (states: Record<string, TestState>, incomplete = false, roles: string[] = [ROLE]): LabelRun => ({
  sut: { name: 'PACS', roles },
  tests: Object.entries(states).map(([id, s]) => test1(`t-${id}`, [step([id], s)])),
  incomplete,
  relaxations: [],
});
const one = (p: LabelPolicy, r: LabelRun, f: LabelFacts = facts) => decideRole(p, r, f, ROLE);

describe('label decision', () => {
  test('grants the label when every required requirement passes', () => {
    expect(decide(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' }), facts)).toEqual([
      {
        policy: { id: 'test-policy', version: '1.2.0' },
        role: ROLE,
        outcome: 'granted',
        required: [
          { id: 'FAKE-901', level: 'SHALL', state: 'pass' },
          { id: 'FAKE-902', level: 'SHALL', state: 'pass' },
        ],
        reasons: [],
      },
    ]);
  });

  test('refuses on a SHALL failure and names it', () => {
    const d = one(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' }));
    expect(d.outcome).toBe('refused');
    expect(d.reasons).toEqual(['FAKE-902 (SHALL) failed']);
  });

  test('a waived failure does not refuse, and every waiver is listed with whether it applied', () => {
    const d = one(
      policy({
        require: [{ id: 'FAKE-901' }, { id: 'FAKE-902' }],
        waivers: [
          { id: 'FAKE-902', reason: 'national profile uses WADO-URI until 2027' },
          { id: 'FAKE-901', reason: 'legacy title code accepted in 2026' },
        ],
      }),
      run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' }),
    );
    expect(d.outcome).toBe('granted');
    expect(d.required).toEqual([
      { id: 'FAKE-901', level: 'SHALL', state: 'pass', waived: { reason: 'legacy title code accepted in 2026' } },
      { id: 'FAKE-902', level: 'SHALL', state: 'fail', waived: { reason: 'national profile uses WADO-URI until 2027' } },
    ]);
    expect(d.reasons).toEqual([
      'waiver FAKE-901: legacy title code accepted in 2026 [not needed (pass)]',
      'waiver FAKE-902: national profile uses WADO-URI until 2027 [applied (fail)]',
    ]);
  });

  test('withLabels marks applied waivers on the requirements and lists them as overrides', () => {
    const r = run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' });
    const full = {
      ...r,
      requirements: [
        { id: 'FAKE-901', state: 'pass' },
        { id: 'FAKE-902', state: 'fail' },
      ],
      overrides: [],
    } as unknown as RunModel;
    const labels = decide(policy({ waivers: [{ id: 'FAKE-902', reason: 'national profile uses WADO-URI' }] }), full, facts);
    const out = withLabels(full, labels, 'policies/p.yaml');
    expect(out.labels).toBe(labels);
    expect(out.requirements.find((x) => x.id === 'FAKE-902')?.waived).toEqual({ reason: 'national profile uses WADO-URI' });
    expect(out.requirements.find((x) => x.id === 'FAKE-901')?.waived).toBeUndefined();
    expect(out.overrides).toEqual([
      { kind: 'waiver', target: 'FAKE-902', reason: 'national profile uses WADO-URI', source: 'policies/p.yaml' },
    ]);
  });

  test('a SHOULD failure is a warning, not a refusal', () => {
    const d = one(policy({ require: [{ id: 'FAKE-901' }, { id: 'FAKE-903' }] }), run({ 'FAKE-901': 'pass', 'FAKE-903': 'fail' }));
    expect(d.outcome).toBe('granted');
    expect(d.reasons).toEqual(['warning: FAKE-903 (SHOULD) failed']);
  });

  test('a failure of an unverified requirement never refuses on its own', () => {
    const d = one(policy({ require: [{ id: 'FAKE-904' }] }), run({ 'FAKE-904': 'fail' }));
    expect(d.outcome).toBe('granted');
    expect(d.reasons[0]).toMatch(/^warning: FAKE-904 \(SHALL\) failed but rests on an unverified fact/);
  });

  test('MAY requirements count only when the SUT declares their option', () => {
    const p = policy({ require: [{ id: 'FAKE-901' }, { id: 'FAKE-905', option: 'IUA' }] });
    const states = run({ 'FAKE-901': 'pass', 'FAKE-905': 'fail' });
    expect(one(p, states)).toMatchObject({ outcome: 'granted', required: [{ id: 'FAKE-901' }] });
    expect(one(p, states, { ...facts, options: ['IUA'] })).toMatchObject({ outcome: 'refused', reasons: ['FAKE-905 (MAY) failed'] });
  });

  test('untested, errored or stopped runs give an incomplete decision; a failure still refuses', () => {
    expect(one(policy(), run({ 'FAKE-901': 'pass' }))).toMatchObject({
      outcome: 'incomplete',
      reasons: ['FAKE-902 (SHALL) was not tested'],
    });
    expect(one(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' }, true)).outcome).toBe('incomplete');
    expect(one(policy(), run({ 'FAKE-901': 'fail', 'FAKE-902': 'wait' })).outcome).toBe('refused');
  });

  test('a SUT our side could not reach (error) is incomplete, never refused', () => {
    const d = one(policy(), run({ 'FAKE-901': 'error', 'FAKE-902': 'error' }));
    expect(d.outcome).toBe('incomplete');
    expect(d.reasons).toEqual([
      'FAKE-901 (SHALL) ended in error (our side could not judge): re-run needed',
      'FAKE-902 (SHALL) ended in error (our side could not judge): re-run needed',
    ]);
  });

  test('a role the policy does not cover gives an incomplete decision saying so', () => {
    expect(decide(policy(), run({}, false, ['RIS']), facts)).toMatchObject([
      { outcome: 'incomplete', role: 'RIS', reasons: ['policy test-policy 1.2.0 has no rules for role RIS'] },
    ]);
  });
});

describe('omit satisfies a requirement only where the policy says it is not applicable', () => {
  test('an omitted SHALL is not tested: the decision is incomplete', () => {
    const d = one(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'omit' }));
    expect(d.outcome).toBe('incomplete');
    expect(d.required[1]).toEqual({ id: 'FAKE-902', level: 'SHALL', state: 'omit' });
    expect(d.reasons).toEqual(['FAKE-902 (SHALL) was not run (omitted) and the policy does not make it not applicable: not tested']);
  });

  test('the policy makes it not applicable for the role, with the reason in the decision', () => {
    const p = policy({ notApplicable: [{ id: 'FAKE-902', reason: 'no key-image notes in this programme' }] });
    const d = one(p, run({ 'FAKE-901': 'pass', 'FAKE-902': 'omit' }));
    expect(d.outcome).toBe('granted');
    expect(d.required[1]).toEqual({
      id: 'FAKE-902',
      level: 'SHALL',
      state: 'omit',
      notApplicable: { reason: 'no key-image notes in this programme' },
    });
    // Not applicable covers an omission only: a failure still refuses.
    expect(one(p, run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' })).outcome).toBe('refused');
  });

  test('an option-bound exemption applies only when the SUT declares the option', () => {
    const p = policy({ notApplicable: [{ id: 'FAKE-902', option: 'SSV1', reason: 'the hosted viewer replaces direct retrieval' }] });
    const r = run({ 'FAKE-901': 'pass', 'FAKE-902': 'omit' });
    expect(one(p, r).outcome).toBe('incomplete');
    expect(one(p, r, { ...facts, options: ['SSV1'] }).outcome).toBe('granted');
  });
});

describe('one decision per declared role', () => {
  const both = policy({}, [{ role: REGISTRY, require: [{ id: 'FAKE-906' }, { id: 'FAKE-907' }], waivers: [] }]);

  test('every role the SUT declares is judged, in declaration order', () => {
    const r: LabelRun = {
      sut: { name: 'PACS+registry', roles: [ROLE, REGISTRY] },
      tests: [
        test1('ids', [step(['FAKE-901', 'FAKE-902'], 'pass')], ROLE),
        test1('reg', [step(['FAKE-906', 'FAKE-907'], 'fail', { findings: [err('FAKE-906')] })], REGISTRY),
      ],
      incomplete: false,
    };
    const labels = decide(both, r, facts);
    expect(labels.map((l) => [l.role, l.outcome, l.reasons])).toEqual([
      [ROLE, 'granted', []],
      [REGISTRY, 'refused', ['FAKE-906 (SHALL) failed']],
    ]);
  });

  test('a requirement of another actor checked against our own simulator is never credited to the SUT', () => {
    // The source plan's test (actor: the source) checks the registry's FAKE-906 against OUR
    // registry simulator; a SUT that also declares the registry role gets no credit for it.
    const r: LabelRun = {
      sut: { name: 'PACS+registry', roles: [ROLE, REGISTRY] },
      tests: [test1('ids', [step(['FAKE-901', 'FAKE-902', 'FAKE-906', 'FAKE-907'], 'pass')], ROLE)],
      incomplete: false,
    };
    const [source, registry] = decide(both, r, facts);
    expect(source!.outcome).toBe('granted');
    expect(registry!.required).toEqual([
      { id: 'FAKE-906', level: 'SHALL', state: 'skip' },
      { id: 'FAKE-907', level: 'SHALL', state: 'pass' },
    ]);
    expect(registry!.reasons).toEqual(['FAKE-906 (SHALL) was not tested']);
  });
});

test('catalogue actor texts name exact actors', () => {
  expect(catalogueActors('RIS (report source), Common Imaging Gateway')).toEqual(['ris', 'common imaging gateway']);
  expect(catalogueActors('MHD Document Recipient/Responder')).toEqual(['mhd document recipient', 'mhd document responder']);
  expect(catalogueActors('Imaging Document Consumer')).not.toContain('document consumer');
});

describe('not eligible', () => {
  test('a relaxed run (localTestSetup) is not eligible whatever its results, and says why', () => {
    const r = { ...run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' }), relaxations: ['localTestSetup: loopback http accepted'] };
    const d = one(policy(), r);
    expect(d.outcome).toBe('not-eligible');
    expect(d.reasons).toEqual(['not eligible: localTestSetup: loopback http accepted']);
    // Failures are still listed for the vendor, after the reason it cannot be decided.
    const f = one(policy(), { ...r, tests: run({ 'FAKE-901': 'fail', 'FAKE-902': 'pass' }).tests });
    expect(f).toMatchObject({
      outcome: 'not-eligible',
      reasons: ['not eligible: localTestSetup: loopback http accepted', 'FAKE-901 (SHALL) failed'],
    });
  });

  test('a role declared without an option the policy requires for it names the missing option', () => {
    const p = policy({ options: ['XDS-I.b'] });
    const r = run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' });
    expect(one(p, r)).toMatchObject({
      outcome: 'not-eligible',
      reasons: [`not eligible: role ${ROLE} requires option XDS-I.b, which the SUT profile does not declare`],
    });
    expect(one(p, r, { ...facts, options: ['XDS-I.b'] }).outcome).toBe('granted');
  });
});

describe('a check that could not run', () => {
  test('reports its declared requirements not tested, never pass', () => {
    const r: LabelRun = {
      sut: { name: 'PACS', roles: [ROLE] },
      tests: [
        test1('kos', [step(['FAKE-901', 'FAKE-902'], 'pass', { notChecked: { reqIds: ['FAKE-902'], reason: 'no location table' } })], ROLE),
      ],
      incomplete: false,
    };
    const d = one(policy(), r);
    expect(d.required.map((x) => [x.id, x.state])).toEqual([
      ['FAKE-901', 'pass'],
      ['FAKE-902', 'skip'],
    ]);
    expect(d).toMatchObject({ outcome: 'incomplete', reasons: ['FAKE-902 (SHALL) was not tested'] });
  });
});

function err(id: string): Finding {
  return { ruleId: 'r', reqIds: [id], severity: 'error', message: `${id} broken`, location: { artefact: 'a', path: 'p' } };
}
