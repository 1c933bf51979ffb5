import { expect, test } from 'vitest';
import { loadCatalogue } from './catalogue.ts';
import { casesOfUnknownRules, computeCoverage, coverageFigures, renderCoverageMarkdown, staleNotCovered } from './coverage.ts';
import { ruleSet } from '../registry.ts';

const catalogue = loadCatalogue();
const [a, b, c, d] = catalogue.requirements.filter((r) => r.status === 'active' && r.level === 'SHALL').map((r) => r.id);
const rule = { id: 'x.rule', reqIds: [a!], severity: 'error' as const, title: 'x', check: () => [] };
const sets = [ruleSet('x', [rule])];

function rows(over: { cases?: { family: string; name: string; ruleId: string }[]; notCovered?: Record<string, string> } = {}) {
  return computeCoverage({
    catalogue,
    ruleSets: sets,
    brokenCases: over.cases ?? [{ family: 'x', name: 'broken', ruleId: 'x.rule' }],
    notCovered: over.notCovered ?? { [c!]: 'issue 99: a plan step', [a!]: 'stale: a broken case fails it' },
    steps: [{ id: 'plan/test/step', reqIds: [b!, d!] }],
    variants: [{ id: 'plan/defect', reqIds: [b!] }],
  });
}
const row = (rs: ReturnType<typeof rows>, id: string) => rs.find((r) => r.id === id)!;

test('a requirement is covered by a broken case of a rule citing it, or a variant whose run failed it', () => {
  const rs = rows();
  expect(row(rs, a!)).toMatchObject({ rules: ['x.rule'], failedBy: ['case:x/broken'], covered: true });
  expect(row(rs, a!).notCovered).toBeUndefined();
  expect(row(rs, b!)).toMatchObject({ rules: ['step:plan/test/step'], failedBy: ['variant:plan/defect'], covered: true });
  // Verified by a step but nothing fails it: not covered, and without a reason, "neither".
  expect(row(rs, d!)).toMatchObject({ rules: ['step:plan/test/step'], failedBy: [], covered: false });
  expect(row(rs, c!)).toMatchObject({ rules: [], failedBy: [], covered: false, notCovered: 'issue 99: a plan step' });
});

test('a rule without a broken case covers nothing', () => {
  expect(row(rows({ cases: [] }), a!)).toMatchObject({ rules: ['x.rule'], covered: false });
});

test('stale not-covered entries, unknown case rules and the figures are reported', () => {
  const rs = rows();
  expect(staleNotCovered(rs, { [a!]: 'x', [c!]: 'y', 'KOS-999': 'z' })).toEqual([a!, 'KOS-999'].sort());
  expect(casesOfUnknownRules(sets, [{ family: 'x', name: 'n', ruleId: 'no.such' }])).toHaveLength(1);
  const f = coverageFigures(rs);
  expect(f.covered).toEqual(expect.arrayContaining([a!, b!]));
  expect(f.explained).toContain(c!);
  expect(f.neither).toContain(d!);
  expect(f.total).toBe(f.covered.length + f.explained.length + f.neither.length);
  const md = renderCoverageMarkdown(rs, catalogue.version);
  expect(md).toContain(
    `Active SHALL and SHOULD: ${f.total} requirements, ${f.covered.length} covered, ${f.explained.length} explained, ${f.neither.length} neither.`,
  );
  expect(md).toMatch(new RegExp(`\\| ${c} [^\\n]*\\| no \\| issue 99: a plan step \\|`));
  expect(md).toMatch(new RegExp(`\\| ${a} [^\\n]*\`case:x/broken\` \\| yes \\|`));
});
