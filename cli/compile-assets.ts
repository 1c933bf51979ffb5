// Run by bin/build.mjs after bundling: writes the YAML assets a start-up needs (the value sets
// and the shipped presets), checked with the same code a run uses, as JSON into dist/assets/
// (see model/precompiled.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { writePrecompiled } from '../model/precompiled.ts';
import { packagePath } from '../model/package-root.ts';
import { checkPreset, precompiledName } from '../validators/catalogue/presets.ts';
import { checkValueSets, VALUE_SETS_FILE } from '../validators/catalogue/value-sets.ts';

export function compileAssets(outdir: string): void {
  const text = readFileSync(VALUE_SETS_FILE, 'utf8');
  writePrecompiled(outdir, 'value-sets', text, checkValueSets(text, VALUE_SETS_FILE));
  const presets = packagePath('suites/presets');
  for (const name of readdirSync(presets).filter((f) => f.endsWith('.yaml'))) {
    const file = `${presets}/${name}`;
    const preset = readFileSync(file, 'utf8');
    writePrecompiled(outdir, precompiledName(file), preset, checkPreset(preset, file));
  }
}
