// Requirement -> what verifies it -> what proves that check can fail. A requirement is covered
// when a rule or plan step that verifies it has a broken input that fails it: a one-change
// fixture of a validator family's broken-case table (its rule cites the requirement), or a
// broken reference-SUT variant whose recorded run failed it. Text that merely mentions an ID is
// not coverage. Pure: callers supply rule sets, cases, steps and variants.
import type { RuleSet } from '../registry.ts';
import type { Catalogue, Requirement } from './catalogue.ts';

export interface CoverageRow {
  id: string;
  title: string;
  level: Requirement['level'];
  status: Requirement['status'];
  /** Rules (by id) and plan steps (`step:plan/test/step`) that verify it. */
  rules: string[];
  /** What fails it: `case:family/name` (broken fixture) and `variant:plan/defect` (broken SUT). */
  failedBy: string[];
  covered: boolean;
  /** Why it is not covered yet and what will cover it (from not-covered.yaml), when it is not. */
  notCovered?: string;
}

/** One broken fixture of a validator family's table: the rule it must trip. */
export interface BrokenCaseRef {
  family: string;
  name: string;
  ruleId: string;
}

export interface CoverageInput {
  catalogue: Catalogue;
  ruleSets: readonly RuleSet[];
  brokenCases: readonly BrokenCaseRef[];
  notCovered: Readonly<Record<string, string>>;
  /** Requirements that test-plan steps verify (engine registry), by step id. */
  steps?: readonly { id: string; reqIds: readonly string[] }[];
  /** Broken variants of reference SUTs, by `plan/defect`, with the requirements their recorded run failed. */
  variants?: readonly { id: string; reqIds: readonly string[] }[];
}

export function computeCoverage(input: CoverageInput): CoverageRow[] {
  const rulesByReq = new Map<string, Set<string>>();
  const reqsByRule = new Map<string, readonly string[]>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => (m.get(k) ?? m.set(k, new Set()).get(k)!).add(v);
  for (const set of input.ruleSets) {
    for (const rule of set.rules) {
      reqsByRule.set(rule.id, rule.reqIds);
      for (const id of rule.reqIds) add(rulesByReq, id, rule.id);
    }
  }
  for (const step of input.steps ?? []) for (const id of step.reqIds) add(rulesByReq, id, `step:${step.id}`);

  const failedByReq = new Map<string, Set<string>>();
  for (const c of input.brokenCases) {
    for (const id of reqsByRule.get(c.ruleId) ?? []) add(failedByReq, id, `case:${c.family}/${c.name}`);
  }
  for (const v of input.variants ?? []) for (const id of v.reqIds) add(failedByReq, id, `variant:${v.id}`);

  return input.catalogue.requirements.map((r) => {
    const failedBy = [...(failedByReq.get(r.id) ?? [])].sort();
    const row: CoverageRow = {
      id: r.id,
      title: r.title,
      level: r.level,
      status: r.status,
      rules: [...(rulesByReq.get(r.id) ?? [])].sort(),
      failedBy,
      covered: failedBy.length > 0,
    };
    const why = input.notCovered[r.id];
    if (why !== undefined && !row.covered) row.notCovered = why;
    return row;
  });
}

/** Broken cases naming a rule no registered rule set has: they prove nothing about coverage. */
export function casesOfUnknownRules(ruleSets: readonly RuleSet[], cases: readonly BrokenCaseRef[]): BrokenCaseRef[] {
  const known = new Set(ruleSets.flatMap((s) => s.rules.map((r) => r.id)));
  return cases.filter((c) => !known.has(c.ruleId));
}

/** not-covered.yaml entries that no longer apply: the requirement is covered, or unknown. */
export function staleNotCovered(rows: readonly CoverageRow[], notCovered: Readonly<Record<string, string>>): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return Object.keys(notCovered)
    .filter((id) => byId.get(id)?.covered !== false)
    .sort();
}

/** Active SHALL and SHOULD requirements, split into covered / explained / neither. */
export function coverageFigures(rows: readonly CoverageRow[]): {
  total: number;
  covered: string[];
  explained: string[];
  neither: string[];
} {
  const judged = rows.filter((r) => r.status === 'active' && (r.level === 'SHALL' || r.level === 'SHOULD'));
  return {
    total: judged.length,
    covered: judged.filter((r) => r.covered).map((r) => r.id),
    explained: judged.filter((r) => !r.covered && r.notCovered).map((r) => r.id),
    neither: judged.filter((r) => !r.covered && !r.notCovered).map((r) => r.id),
  };
}

/** Rules or steps citing IDs the catalogue lacks: each is a defect that must not ship. */
export function citationsOfUnknownIds(
  catalogue: Catalogue,
  citers: readonly { id: string; reqIds: readonly string[] }[],
): { citer: string; id: string }[] {
  const out: { citer: string; id: string }[] = [];
  for (const c of citers) {
    if (c.reqIds.length === 0) out.push({ citer: c.id, id: '(none)' });
    for (const id of c.reqIds) if (catalogue.get(id)?.status !== 'active') out.push({ citer: c.id, id });
  }
  return out;
}

export function renderCoverageMarkdown(rows: readonly CoverageRow[], catalogueVersion: string): string {
  const f = coverageFigures(rows);
  const all = { covered: rows.filter((r) => r.covered).length, explained: rows.filter((r) => !r.covered && r.notCovered).length };
  const lines = [
    '# Requirement coverage',
    '',
    `Generated by \`npm run docs\` from the rule registry, the validators' broken-case tables, the plans, the recorded broken-variant runs (fixtures/golden/mutations/) and validators/catalogue/not-covered.yaml; do not edit. Catalogue ${catalogueVersion}.`,
    '',
    'A requirement is **covered** when a rule or plan step verifies it and a broken input fails it: a one-change fixture (`case:`) of a rule that cites it, or a broken reference-SUT variant (`variant:`) whose recorded run failed it. Otherwise the note says why not and what will cover it.',
    '',
    `Active SHALL and SHOULD: ${f.total} requirements, ${f.covered.length} covered, ${f.explained.length} explained, ${f.neither.length} neither.`,
    `All ${rows.length} requirements: ${all.covered} covered, ${all.explained} explained.`,
    '',
    '| requirement | level | rules and steps | failed by | covered | note |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const cell = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join('<br>') : '—');
    const level = r.status === 'active' ? r.level : `${r.level} (${r.status})`;
    lines.push(
      `| ${r.id} ${esc(r.title)} | ${level} | ${cell(r.rules)} | ${cell(r.failedBy)} | ${r.covered ? 'yes' : 'no'} | ${esc(r.notCovered ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
