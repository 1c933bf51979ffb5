// Assets are found from the package root (model/package-root.ts), never relative to
// import.meta.url: the compiled CLI bundles modules into dist/ and dist/chunks/, where a path
// next to the source file does not exist (the IID viewer's templates once broke this way).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { packagePath } from '../model/package-root.ts';

const LAYERS = ['cli', 'console', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'];
const ALLOWED = new Set(['model/package-root.ts']);

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-kit.ts')) yield p;
  }
}

test('no shipped module resolves a file next to itself with new URL(…, import.meta.url)', () => {
  const root = packagePath('.');
  const offenders: string[] = [];
  for (const layer of LAYERS)
    for (const file of sources(join(root, layer))) {
      const rel = relative(root, file);
      if (ALLOWED.has(rel)) continue;
      if (/new URL\([^)]*import\.meta\.url/.test(readFileSync(file, 'utf8'))) offenders.push(rel);
    }
  expect(offenders).toEqual([]);
});
