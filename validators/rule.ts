// A validator rule: a pure function of a parsed artefact returning findings. The engine
// stamps ruleId, reqIds, severity and artefact, so a rule only says where and what.
import type { Finding, Severity } from '../model/finding.ts';

export interface RuleHit {
  path: string;
  message: string;
  /** Overrides the rule's severity for this hit (e.g. a warning-only variant). */
  severity?: Severity;
  /** Narrows or extends the rule's reqIds for this hit. */
  reqIds?: string[];
}

export interface Rule<View, Ctx = unknown> {
  /** Dotted, stable, never reused: 'kos.title.manifest'. */
  id: string;
  /** Catalogue IDs this rule checks; at least one. */
  reqIds: readonly string[];
  severity: Severity;
  /** One line for coverage tables and --help. */
  title: string;
  check(view: View, ctx: Ctx): readonly RuleHit[];
}

export interface SeverityOverrides {
  /** By rule id or requirement id. */
  get(ruleId: string, reqIds: readonly string[]): Severity | 'off' | undefined;
}

export function runRules<View, Ctx>(
  rules: readonly Rule<View, Ctx>[],
  view: View,
  ctx: Ctx,
  artefact: string,
  overrides?: SeverityOverrides,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    let hits: readonly RuleHit[];
    try {
      hits = rule.check(view, ctx);
    } catch (err) {
      // Rules must not throw; if one does, that is our defect, reported against the rule.
      hits = [{ path: '', message: `internal: rule ${rule.id} threw ${describe(err)}` }];
    }
    for (const hit of hits) {
      const reqIds = [...(hit.reqIds ?? rule.reqIds)];
      let severity: Severity = hit.severity ?? rule.severity;
      const o = overrides?.get(rule.id, reqIds);
      if (o === 'off') continue;
      if (o) severity = o;
      out.push({ ruleId: rule.id, reqIds, severity, message: hit.message, location: { artefact, path: hit.path } });
    }
  }
  return out;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
