import { describe, expect, test } from 'vitest';
import type { RequirementResult, RunModel, TestState } from '../../model/run.ts';
import { decide, withLabel, type LabelFacts, type LabelPolicy } from './decide.ts';

// Made-up IDs: decide() takes plain data, and real IDs here would count as coverage.
const ROLE = 'Imaging Document Source';

const policy = (over: Partial<LabelPolicy['roles'][number]> = {}): LabelPolicy => ({
  id: 'test-policy',
  version: '1.2.0',
  roles: [{ role: ROLE, require: [{ id: 'FAKE-901' }, { id: 'FAKE-902' }], waivers: [], ...over }],
});

const facts: LabelFacts = {
  requirements: {
    'FAKE-901': { level: 'SHALL' },
    'FAKE-902': { level: 'SHALL' },
    'FAKE-903': { level: 'SHOULD' },
    'FAKE-904': { level: 'SHALL', unverified: true },
    'FAKE-905': { level: 'MAY' },
  },
  options: [],
};

const req = (id: string, state: TestState): RequirementResult => ({ id, title: id, level: facts.requirements[id]?.level ?? 'SHALL', state, tests: ['t'], errors: 0, warnings: 0 });

const run = (states: Record<string, TestState>, incomplete = false): Pick<RunModel, 'sut' | 'requirements' | 'incomplete'> => ({
  sut: { name: 'PACS', roles: [ROLE] },
  requirements: Object.entries(states).map(([id, s]) => req(id, s)),
  incomplete,
});

describe('label decision', () => {
  test('grants the label when every required requirement passes', () => {
    const d = decide(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' }), facts);
    expect(d).toEqual({
      policy: { id: 'test-policy', version: '1.2.0' },
      role: ROLE,
      outcome: 'granted',
      required: [{ id: 'FAKE-901', level: 'SHALL', state: 'pass' }, { id: 'FAKE-902', level: 'SHALL', state: 'pass' }],
      reasons: [],
    });
  });

  test('refuses on a SHALL failure and names it', () => {
    const d = decide(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' }), facts);
    expect(d.outcome).toBe('refused');
    expect(d.reasons).toEqual(['FAKE-902 (SHALL) failed']);
  });

  test('a waived failure does not refuse, and every waiver is listed with whether it applied', () => {
    const d = decide(
      policy({ require: [{ id: 'FAKE-901' }, { id: 'FAKE-902' }], waivers: [{ id: 'FAKE-902', reason: 'national profile uses WADO-URI until 2027' }, { id: 'FAKE-901', reason: 'legacy title code accepted in 2026' }] }),
      run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' }),
      facts,
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

  test('withLabel marks applied waivers on the requirements and lists them as overrides', () => {
    const full = { ...(run({ 'FAKE-901': 'pass', 'FAKE-902': 'fail' }) as RunModel), overrides: [] };
    const d = decide(policy({ waivers: [{ id: 'FAKE-902', reason: 'national profile uses WADO-URI' }] }), full, facts);
    const out = withLabel(full, d, 'policies/p.yaml');
    expect(out.requirements.find((r) => r.id === 'FAKE-902')?.waived).toEqual({ reason: 'national profile uses WADO-URI' });
    expect(out.requirements.find((r) => r.id === 'FAKE-901')?.waived).toBeUndefined();
    expect(out.overrides).toEqual([{ kind: 'waiver', target: 'FAKE-902', reason: 'national profile uses WADO-URI', source: 'policies/p.yaml' }]);
  });

  test('a SHOULD failure is a warning, not a refusal', () => {
    const d = decide(policy({ require: [{ id: 'FAKE-901' }, { id: 'FAKE-903' }] }), run({ 'FAKE-901': 'pass', 'FAKE-903': 'fail' }), facts);
    expect(d.outcome).toBe('granted');
    expect(d.reasons).toEqual(['warning: FAKE-903 (SHOULD) failed']);
  });

  test('a failure of an unverified requirement never refuses on its own', () => {
    const d = decide(policy({ require: [{ id: 'FAKE-904' }] }), run({ 'FAKE-904': 'fail' }), facts);
    expect(d.outcome).toBe('granted');
    expect(d.reasons[0]).toMatch(/^warning: FAKE-904 \(SHALL\) failed but rests on an unverified fact/);
  });

  test('MAY requirements count only when the SUT declares their option', () => {
    const p = policy({ require: [{ id: 'FAKE-901' }, { id: 'FAKE-905', option: 'IUA' }] });
    const states = run({ 'FAKE-901': 'pass', 'FAKE-905': 'fail' });
    expect(decide(p, states, facts)).toMatchObject({ outcome: 'granted', required: [{ id: 'FAKE-901' }] });
    expect(decide(p, states, { ...facts, options: ['IUA'] })).toMatchObject({ outcome: 'refused', reasons: ['FAKE-905 (MAY) failed'] });
  });

  test('untested, errored or stopped runs give an incomplete decision; a failure still refuses', () => {
    expect(decide(policy(), run({ 'FAKE-901': 'pass' }), facts)).toMatchObject({ outcome: 'incomplete', reasons: ['FAKE-902 (SHALL) was not tested'] });
    expect(decide(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'error' }), facts).reasons).toEqual(['FAKE-902 (SHALL) ended in error: re-run needed']);
    expect(decide(policy(), run({ 'FAKE-901': 'pass', 'FAKE-902': 'pass' }, true), facts).outcome).toBe('incomplete');
    expect(decide(policy(), run({ 'FAKE-901': 'fail', 'FAKE-902': 'wait' }), facts).outcome).toBe('refused');
  });

  test('a role the policy does not cover gives an incomplete decision saying so', () => {
    const d = decide(policy(), { ...run({}), sut: { name: 'RIS', roles: ['RIS'] } }, facts);
    expect(d).toMatchObject({ outcome: 'incomplete', role: 'RIS', reasons: ['policy test-policy 1.2.0 has no rules for role RIS'] });
  });
});
