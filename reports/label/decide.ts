// The label decision: a pure function of the policy, the run and a few catalogue facts,
// all plain data (the YAML loader lives in suites/). A SHALL failure refuses the label
// unless it is waived or rests on an unverified fact; SHOULD failures are warnings; MAY
// requirements count only when the SUT declares the option they belong to.
import type { LabelDecision, RequirementLevel, RunModel, TestState } from '../../model/run.ts';
import { compareReqIds } from '../canonical.ts';

export interface PolicyRequirement {
  id: string;
  /** Applies only when the SUT declares this option. */
  option?: string;
}

export interface PolicyWaiver {
  id: string;
  reason: string;
}

export interface PolicyRole {
  role: string;
  require: PolicyRequirement[];
  waivers: PolicyWaiver[];
}

export interface LabelPolicy {
  id: string;
  version: string;
  roles: PolicyRole[];
}

/** What the decision needs to know beyond the run: levels, unverified flags, declared options. */
export interface LabelFacts {
  requirements: Record<string, { level: RequirementLevel; unverified?: boolean }>;
  options: string[];
}

type Required = LabelDecision['required'][number];

export function decide(policy: LabelPolicy, run: Pick<RunModel, 'sut' | 'requirements' | 'incomplete'>, facts: LabelFacts, role?: string): LabelDecision {
  const rules = role ? policy.roles.find((r) => r.role === role) : policy.roles.find((r) => run.sut.roles.includes(r.role));
  const head = { policy: { id: policy.id, version: policy.version }, role: rules?.role ?? role ?? run.sut.roles.join(', ') };
  if (!rules) {
    return { ...head, outcome: 'incomplete', required: [], reasons: [`policy ${policy.id} ${policy.version} has no rules for role ${head.role || '(none declared)'}`] };
  }
  const states = new Map(run.requirements.map((r) => [r.id, r]));
  const waivers = new Map(rules.waivers.map((w) => [w.id, w.reason]));
  const refuse: string[] = [];
  const pending: string[] = [];
  const notes: string[] = [];
  const required: Required[] = [];
  const seen = new Set<string>();
  for (const entry of [...rules.require].sort((a, b) => compareReqIds(a.id, b.id))) {
    if (seen.has(entry.id)) continue;
    if (entry.option !== undefined && !facts.options.includes(entry.option)) continue;
    const fact = facts.requirements[entry.id];
    const level: RequirementLevel = fact?.level ?? states.get(entry.id)?.level ?? 'SHALL';
    if (level === 'MAY' && entry.option === undefined) continue;
    seen.add(entry.id);
    const state: TestState = states.get(entry.id)?.state ?? 'skip';
    const reason = waivers.get(entry.id);
    required.push({ id: entry.id, level, state, ...(reason === undefined ? {} : { waived: { reason } }) });
    if (state === 'pass' || state === 'omit') continue;
    const what = state === 'fail' ? 'failed' : state === 'skip' ? 'was not tested' : state === 'wait' ? 'is still waiting for the SUT' : 'ended in error: re-run needed';
    if (reason !== undefined) continue;
    if (level === 'SHOULD') notes.push(`warning: ${entry.id} (SHOULD) ${what}`);
    else if (state === 'fail' && fact?.unverified) notes.push(`warning: ${entry.id} (${level}) failed but rests on an unverified fact, not grounds on its own to refuse`);
    else if (state === 'fail') refuse.push(`${entry.id} (${level}) failed`);
    else pending.push(`${entry.id} (${level}) ${what}`);
  }
  for (const w of [...rules.waivers].sort((a, b) => compareReqIds(a.id, b.id))) {
    const r = required.find((x) => x.id === w.id);
    const used = r ? (r.state === 'pass' || r.state === 'omit' ? `not needed (${r.state})` : `applied (${r.state})`) : 'not applicable to this SUT';
    notes.push(`waiver ${w.id}: ${w.reason} [${used}]`);
  }
  if (run.incomplete) pending.push('the run was stopped before every test finished');
  const outcome = refuse.length > 0 ? 'refused' : pending.length > 0 ? 'incomplete' : 'granted';
  return { ...head, outcome, required, reasons: [...refuse, ...pending, ...notes] };
}

/** The run with its label: waived requirements marked and every applied waiver an override. */
export function withLabel(run: RunModel, label: LabelDecision, source: string): RunModel {
  const waived = new Map(label.required.filter((r) => r.waived && r.state !== 'pass' && r.state !== 'omit').map((r) => [r.id, r.waived!.reason]));
  return {
    ...run,
    label,
    requirements: run.requirements.map((r) => (waived.has(r.id) ? { ...r, waived: { reason: waived.get(r.id)! } } : r)),
    overrides: [
      ...run.overrides,
      ...[...waived].map(([target, reason]) => ({ kind: 'waiver', target, reason, source })),
    ],
  };
}
