import { expect, test } from 'vitest';
import { loadCatalogue } from './catalogue.ts';
import { computeCoverage, renderCoverageMarkdown } from './coverage.ts';
import { ruleSet } from '../registry.ts';

const catalogue = loadCatalogue();
const [a, b, c] = catalogue.requirements.map((r) => r.id);

test('maps each requirement to the rules, plan steps, test files and broken variants that cover it', () => {
  const rule = { id: 'x.rule', reqIds: [a!], severity: 'error' as const, title: 'x', check: () => [] };
  const rows = computeCoverage({
    catalogue,
    ruleSets: [ruleSet('x', [rule])],
    testFiles: [
      ['x/rule.test.ts', "runRules(['x.rule'])"],
      ['y/other.test.ts', `cites ${b} by id`],
    ],
    notCovered: { [c!]: 'needs a human', [a!]: 'ignored: a rule covers it' },
    steps: [{ id: 'plan/test/step', reqIds: [b!] }],
    variants: [{ id: 'plan/defect', reqIds: [b!] }],
  });
  const row = (id: string) => rows.find((r) => r.id === id)!;
  expect(row(a!)).toMatchObject({ rules: ['x.rule'], tests: ['x/rule.test.ts'] });
  expect(row(a!).notCovered).toBeUndefined();
  expect(row(b!)).toMatchObject({ rules: ['step:plan/test/step'], tests: ['variant:plan/defect', 'y/other.test.ts'] });
  expect(row(c!)).toMatchObject({ rules: [], tests: [], notCovered: 'needs a human' });
  const md = renderCoverageMarkdown(rows, catalogue.version);
  expect(md).toContain(`| ${c} `);
  expect(md).toContain('needs a human');
});
