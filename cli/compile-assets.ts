// Run by bin/build.mjs after bundling: writes the YAML assets a start-up needs, checked with
// the same code a run uses, as JSON into dist/assets/ (see model/precompiled.ts).
import { readFileSync } from 'node:fs';
import { writePrecompiled } from '../model/precompiled.ts';
import { checkValueSets, VALUE_SETS_FILE } from '../validators/catalogue/value-sets.ts';

export function compileAssets(outdir: string): void {
  const text = readFileSync(VALUE_SETS_FILE, 'utf8');
  writePrecompiled(outdir, 'value-sets', text, checkValueSets(text, VALUE_SETS_FILE));
}
