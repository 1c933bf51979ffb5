import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../cli/coverage-sources.ts';
import { GENERATED_DOCS } from './generate-docs.ts';

test.each(GENERATED_DOCS.map((d) => [d.path, d] as const))('%s is up to date (run `npm run docs`)', async (_path, doc) => {
  const committed = readFileSync(join(PROJECT_ROOT, doc.path), 'utf8');
  expect(committed === (await doc.render()), `${doc.path} is stale: run npm run docs and commit it`).toBe(true);
});
