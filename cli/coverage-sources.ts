// Gathers what the coverage table is computed from: rule sets, test files and the
// not-covered reasons. Shared by `mcwg requirements --coverage` and `npm run docs`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';
import { computeCoverage, type CoverageRow } from '../validators/catalogue/coverage.ts';
import { PLANS } from '../suites/plans/index.ts';
import { allRuleSets } from '../validators/registry.ts';
import { packageRoot } from '../model/package-root.ts';

export const PROJECT_ROOT = `${packageRoot()}/`;
const SOURCE_DIRS = ['cli', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'];
// Tests of the catalogue itself cite IDs as data, not as checks of the requirement.
const NOT_COVERAGE = ['validators/catalogue/'];

export function listTestFiles(root = PROJECT_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) out.push(relative(root, p));
    }
  };
  for (const d of SOURCE_DIRS) walk(join(root, d));
  return out.filter((p) => !NOT_COVERAGE.some((x) => p.startsWith(x))).sort();
}

export async function projectCoverage(root = PROJECT_ROOT): Promise<CoverageRow[]> {
  const notCovered = (parse(readFileSync(join(root, 'validators/catalogue/not-covered.yaml'), 'utf8')) ?? {}) as Record<string, string>;
  return computeCoverage({
    catalogue: loadCatalogue(),
    ruleSets: await allRuleSets(),
    testFiles: listTestFiles(root).map((p) => [p, readFileSync(join(root, p), 'utf8')] as const),
    notCovered,
    steps: await planSteps(),
    variants: await mutationVariants(),
  });
}

/** Each broken variant of a reference SUT and the requirements its test proves it is caught by. */
async function mutationVariants(): Promise<{ id: string; reqIds: readonly string[] }[]> {
  const out: { id: string; reqIds: readonly string[] }[] = [];
  for (const [planId, load] of Object.entries(PLANS)) {
    for (const d of await (await load()).defects()) out.push({ id: `${planId}/${d.id}`, reqIds: d.fails });
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
