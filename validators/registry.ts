// Every rule set the validators ship, by profile. The coverage table, the unknown-ID check
// and `mcwg requirements --coverage` read this list; a new profile adds one line here.
import type { Rule } from './rule.ts';

export interface RuleSet {
  /** e.g. 'kos/iod', 'metadata/xds', 'hl7v2/report' */
  profile: string;
  rules: readonly Rule<never, never>[];
}

type AnyRule = Rule<never, never>;

const sets: RuleSet[] = [];

export function ruleSet(profile: string, rules: readonly Rule<any, any>[]): RuleSet {
  return { profile, rules: rules as readonly AnyRule[] };
}

export async function allRuleSets(): Promise<RuleSet[]> {
  if (sets.length === 0) {
    // Dynamic imports keep start-up light for commands that need no rules.
    const modules = await Promise.all(RULE_SET_MODULES.map((load) => load()));
    for (const m of modules) sets.push(...m);
  }
  return sets;
}

// One line per validator family; each module exports `ruleSets: RuleSet[]`.
const RULE_SET_MODULES: (() => Promise<RuleSet[]>)[] = [
  () => import('./kos/rule-sets.ts').then((m) => m.ruleSets),
  () => import('./hl7v2/rule-sets.ts').then((m) => m.ruleSets),
  () => import('./metadata/rule-sets.ts').then((m) => m.ruleSets),
  () => import('./consistency/rule-sets.ts').then((m) => m.ruleSets),
  () => import('./iid/rule-sets.ts').then((m) => m.ruleSets),
  () => import('./audit/rule-sets.ts').then((m) => m.ruleSets),
];
