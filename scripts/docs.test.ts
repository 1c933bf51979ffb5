import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { allBrokenCases } from '../cli/broken-cases.ts';
import { PROJECT_ROOT, loadNotCovered, projectCoverage } from '../cli/coverage-sources.ts';
import { casesOfUnknownRules, coverageFigures, staleNotCovered } from '../validators/catalogue/coverage.ts';
import { allRuleSets } from '../validators/registry.ts';
import { GENERATED_DOCS } from './generate-docs.ts';

test.each(GENERATED_DOCS.map((d) => [d.path, d] as const))('%s is up to date (run `npm run docs`)', async (_path, doc) => {
  const committed = readFileSync(join(PROJECT_ROOT, doc.path), 'utf8');
  expect(committed === (await doc.render()), `${doc.path} is stale: run npm run docs and commit it`).toBe(true);
});

test('no not-covered.yaml entry is stale: each names an uncovered catalogue requirement', async () => {
  expect(staleNotCovered(await projectCoverage(), loadNotCovered())).toEqual([]);
});

test('every active SHALL and SHOULD is covered by something that can fail it, or explained', async () => {
  expect(coverageFigures(await projectCoverage()).neither).toEqual([]);
});

test('every broken case names a registered rule (else it proves nothing)', async () => {
  expect(casesOfUnknownRules(await allRuleSets(), await allBrokenCases())).toEqual([]);
});
