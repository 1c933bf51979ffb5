// The label decision: a pure function of the policy, the run and a few catalogue facts,
// all plain data (the YAML loader lives in suites/). One decision per role the SUT declares.
// A SHALL failure refuses the label unless it is waived or rests on an unverified fact;
// SHOULD failures are warnings; MAY requirements count only when the SUT declares the option
// they belong to. 'omit' satisfies a requirement only where the policy says it is not
// applicable; a relaxed run (localTestSetup) or a role without an option the policy
// requires for it is 'not-eligible' whatever its results.
import type { LabelDecision, LabelRequirement, RequirementLevel, RunModel, TestResult, TestState } from '../../model/run.ts';
import { compareReqIds, requirementVerdicts } from '../../model/verdict.ts';

export interface PolicyRequirement {
  id: string;
  /** Applies only when the SUT declares this option. */
  option?: string;
}

export interface PolicyWaiver {
  id: string;
  reason: string;
}

/** Where the policy accepts 'omit' (not applicable): for the role, or when the SUT declares `option`. */
export interface PolicyNotApplicable {
  id: string;
  reason: string;
  option?: string;
}

export interface PolicyRole {
  role: string;
  /** Options the SUT must declare with this role to be eligible for its label. */
  options?: string[];
  require: PolicyRequirement[];
  notApplicable?: PolicyNotApplicable[];
  waivers: PolicyWaiver[];
}

export interface LabelPolicy {
  id: string;
  version: string;
  roles: PolicyRole[];
}

/** What the decision needs to know beyond the run: levels, actors, unverified flags, declared options. */
export interface LabelFacts {
  requirements: Record<string, { level: RequirementLevel; unverified?: boolean; actor?: string }>;
  options: string[];
}

export type LabelRun = Pick<RunModel, 'sut' | 'tests' | 'incomplete'> & { relaxations?: readonly string[] };

/** One decision per role the SUT declares, in declaration order. */
export function decide(policy: LabelPolicy, run: LabelRun, facts: LabelFacts): LabelDecision[] {
  return run.sut.roles.map((role) => decideRole(policy, run, facts, role));
}

export function decideRole(policy: LabelPolicy, run: LabelRun, facts: LabelFacts, role: string): LabelDecision {
  const rules = policy.roles.find((r) => r.role === role);
  const head = { policy: { id: policy.id, version: policy.version }, role };
  if (!rules) {
    return {
      ...head,
      outcome: 'incomplete',
      required: [],
      reasons: [`policy ${policy.id} ${policy.version} has no rules for role ${role}`],
    };
  }
  const states = new Map(requirementVerdicts(run.tests, (t, id) => credited(policy, facts, t, id)).map((r) => [r.id, r.state]));
  const waivers = new Map(rules.waivers.map((w) => [w.id, w.reason]));
  const exempt = new Map(
    (rules.notApplicable ?? []).filter((n) => n.option === undefined || facts.options.includes(n.option)).map((n) => [n.id, n]),
  );
  const ineligible = [
    ...(run.relaxations ?? []).map((r) => `not eligible: ${r}`),
    ...(rules.options ?? [])
      .filter((o) => !facts.options.includes(o))
      .map((o) => `not eligible: role ${role} requires option ${o}, which the SUT profile does not declare`),
  ];
  const refuse: string[] = [];
  const pending: string[] = [];
  const notes: string[] = [];
  const required: LabelRequirement[] = [];
  const seen = new Set<string>();
  for (const entry of [...rules.require].sort((a, b) => compareReqIds(a.id, b.id))) {
    if (seen.has(entry.id)) continue;
    if (entry.option !== undefined && !facts.options.includes(entry.option)) continue;
    const fact = facts.requirements[entry.id];
    const level: RequirementLevel = fact?.level ?? 'SHALL';
    if (level === 'MAY' && entry.option === undefined) continue;
    seen.add(entry.id);
    const state: TestState = states.get(entry.id) ?? 'skip';
    const reason = waivers.get(entry.id);
    const na = state === 'omit' ? exempt.get(entry.id) : undefined;
    required.push({
      id: entry.id,
      level,
      state,
      ...(reason === undefined ? {} : { waived: { reason } }),
      ...(na ? { notApplicable: { reason: na.reason } } : {}),
    });
    if (state === 'pass' || na) continue;
    if (reason !== undefined) continue;
    const what = describe(state);
    if (level === 'SHOULD') notes.push(`warning: ${entry.id} (SHOULD) ${what}`);
    else if (state === 'fail' && fact?.unverified)
      notes.push(`warning: ${entry.id} (${level}) failed but rests on an unverified fact, not grounds on its own to refuse`);
    else if (state === 'fail') refuse.push(`${entry.id} (${level}) failed`);
    else pending.push(`${entry.id} (${level}) ${what}`);
  }
  for (const w of [...rules.waivers].sort((a, b) => compareReqIds(a.id, b.id))) {
    const r = required.find((x) => x.id === w.id);
    const used = r
      ? r.state === 'pass' || r.notApplicable
        ? `not needed (${r.state})`
        : `applied (${r.state})`
      : 'not applicable to this SUT';
    notes.push(`waiver ${w.id}: ${w.reason} [${used}]`);
  }
  if (run.incomplete) pending.push('the run was stopped before every test finished');
  const outcome = ineligible.length > 0 ? 'not-eligible' : refuse.length > 0 ? 'refused' : pending.length > 0 ? 'incomplete' : 'granted';
  return { ...head, outcome, required, reasons: [...ineligible, ...refuse, ...pending, ...notes] };
}

function describe(state: TestState): string {
  switch (state) {
    case 'fail':
      return 'failed';
    case 'omit':
      return 'was not run (omitted) and the policy does not make it not applicable: not tested';
    case 'wait':
      return 'is still waiting for the SUT';
    case 'error':
      return 'ended in error (our side could not judge): re-run needed';
    default:
      return 'was not tested';
  }
}

/**
 * Whether a test's verdict on a requirement counts for the SUT. A test exercises one actor of
 * the SUT (its `actor`); a requirement the policy gives to another actor, and whose catalogue
 * actor is not the test's either, was checked against our own simulator (e.g. the registry's
 * XDS-005 inside the Imaging Document Source plan) and is never credited to the SUT.
 */
export function credited(policy: LabelPolicy, facts: LabelFacts, test: Pick<TestResult, 'actor'>, id: string): boolean {
  const actor = test.actor;
  if (actor === undefined) return true;
  if (policy.roles.some((r) => r.role === actor && r.require.some((q) => q.id === id))) return true;
  const owner = facts.requirements[id]?.actor;
  if (owner === undefined) return !policy.roles.some((r) => r.require.some((q) => q.id === id));
  return /^all\b/i.test(owner) || catalogueActors(owner).includes(actor.toLowerCase());
}

/**
 * The actors a catalogue `actor` text names: "RIS (report source), Common Imaging Gateway" ->
 * ris, common imaging gateway; "MHD Document Recipient/Responder" -> mhd document recipient,
 * mhd document responder. Exact names, so "Document Consumer" never matches "Imaging Document Consumer".
 */
export function catalogueActors(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    let prev: string | undefined;
    for (const raw of part.split('/')) {
      const name = raw
        .replace(/\([^)]*\)/g, '')
        .trim()
        .toLowerCase();
      if (!name) continue;
      // "Recipient/Responder": the second word takes the first one's prefix.
      const full = prev !== undefined && !name.includes(' ') ? prev.replace(/\S+$/, name) : name;
      out.push(full);
      prev = full;
    }
  }
  return out;
}

/** The run with its labels: waived requirements marked and every applied waiver an override. */
export function withLabels(run: RunModel, labels: LabelDecision[], source: string): RunModel {
  const waived = new Map(
    labels.flatMap((l) =>
      l.required.filter((r) => r.waived && r.state !== 'pass' && !r.notApplicable).map((r) => [r.id, r.waived!.reason] as const),
    ),
  );
  return {
    ...run,
    labels,
    requirements: run.requirements.map((r) => (waived.has(r.id) ? { ...r, waived: { reason: waived.get(r.id)! } } : r)),
    overrides: [...run.overrides, ...[...waived].map(([target, reason]) => ({ kind: 'waiver', target, reason, source }))],
  };
}
