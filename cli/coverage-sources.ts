// Gathers what the coverage table is computed from: rule sets, the validators' broken-case
// tables, plan steps, recorded broken-variant runs and the not-covered reasons. Shared by
// `mcwg requirements --coverage` and `npm run docs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';
import { computeCoverage, type CoverageRow } from '../validators/catalogue/coverage.ts';
import { PLANS } from '../suites/plans/index.ts';
import { allRuleSets } from '../validators/registry.ts';
import { readRecorded } from '../suites/reference-sut/mutations.ts';
import { allBrokenCases } from './broken-cases.ts';
import { packageRoot } from '../model/package-root.ts';

export const PROJECT_ROOT = `${packageRoot()}/`;
export function loadNotCovered(root = PROJECT_ROOT): Record<string, string> {
  return (parse(readFileSync(join(root, 'validators/catalogue/not-covered.yaml'), 'utf8')) ?? {}) as Record<string, string>;
}

export async function projectCoverage(root = PROJECT_ROOT): Promise<CoverageRow[]> {
  return computeCoverage({
    catalogue: loadCatalogue(),
    ruleSets: await allRuleSets(),
    brokenCases: await allBrokenCases(),
    notCovered: loadNotCovered(root),
    steps: await planSteps(),
    variants: await mutationVariants(),
  });
}

/**
 * Each declared broken variant of a reference SUT with the requirements its recorded run failed
 * (fixtures/golden/mutations/<plan>.json, which the variant tests keep equal to real runs). A
 * variant with no recorded run proves nothing yet and fails nothing here.
 */
async function mutationVariants(): Promise<{ id: string; reqIds: readonly string[] }[]> {
  const out: { id: string; reqIds: readonly string[] }[] = [];
  for (const [planId, load] of Object.entries(PLANS)) {
    const recorded = readRecorded(planId).failed;
    for (const d of await (await load()).defects()) out.push({ id: `${planId}/${d.id}`, reqIds: recorded[d.id] ?? [] });
  }
  return out;
}

/** Every test and step of every registered plan, as `plan/test/step` with the IDs it verifies. */
export async function planSteps(): Promise<{ id: string; reqIds: readonly string[] }[]> {
  const out: { id: string; reqIds: readonly string[] }[] = [];
  for (const [planId, load] of Object.entries(PLANS)) {
    const plan = (await load()).plan();
    for (const group of plan.groups) {
      for (const test of group.tests) {
        out.push({ id: `${planId}/${test.id}`, reqIds: test.verifies });
        for (const step of test.steps) out.push({ id: `${planId}/${test.id}/${step.id}`, reqIds: step.verifies });
      }
    }
  }
  return out;
}
