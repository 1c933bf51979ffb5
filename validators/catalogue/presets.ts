// Programme presets (suites/presets/<name>.yaml): replace the codes of configurable value
// sets and raise, lower or switch off severities by rule or requirement id. Every override
// is returned as a line so reports can list it.
// yaml and zod are required only when a preset's YAML is parsed: the compiled CLI reads the
// shipped presets pre-checked at build time (model/precompiled.ts), as it does the value sets.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { Finding, Severity } from '../../model/finding.ts';
import { readPrecompiled } from '../../model/precompiled.ts';
import type { SeverityOverrides } from '../rule.ts';
import { indexValueSets, valueSetsData } from './value-sets.ts';
import type { ValueSets } from './value-sets.ts';

function buildSchema(zod: typeof z) {
  const CodeSchema = zod.looseObject({ code: zod.string().min(1), scheme: zod.string().optional(), display: zod.string().optional() });
  return zod.strictObject({
    name: zod.string().min(1),
    version: zod.string().optional(),
    description: zod.string().optional(),
    value_sets: zod
      .record(
        zod.string().regex(/^VS-[A-Z0-9-]+$/),
        zod.strictObject({ codes: zod.array(CodeSchema).min(1), scheme: zod.string().optional() }),
      )
      .default({}),
    severities: zod.record(zod.string().min(1), zod.enum(['error', 'warning', 'info', 'off'])).default({}),
  });
}
let schema: ReturnType<typeof buildSchema> | undefined;
const requireLazily = createRequire(import.meta.url);

/** The checked content of a preset file. */
export type PresetData = z.infer<ReturnType<typeof buildSchema>>;

export interface Preset {
  name: string;
  valueSets: ValueSets;
  overrides: SeverityOverrides;
  /** One human-readable line per override, in file order. */
  listed: string[];
}

/** A preset file; a shipped preset unchanged since the build is read pre-checked. */
export function loadPreset(file: string): Preset {
  const text = readFileSync(file, 'utf8');
  const data = readPrecompiled<PresetData>(precompiledName(file), text) ?? checkPreset(text, file);
  return applyPreset(data, file);
}

export function parsePreset(text: string, source = 'preset.yaml'): Preset {
  return applyPreset(checkPreset(text, source), source);
}

/** The dist/assets name of a preset file's pre-checked data (it also names the source's SHA-256). */
export function precompiledName(file: string): string {
  return `preset-${basename(file).replace(/\.ya?ml$/, '')}`;
}

/** Parses and checks the YAML text; throws naming `source` and the failing path. */
export function checkPreset(text: string, source = 'preset.yaml'): PresetData {
  const zod = (requireLazily('zod') as { z: typeof z }).z;
  const { parse } = requireLazily('yaml') as typeof import('yaml');
  schema ??= buildSchema(zod);
  const r = schema.safeParse(parse(text));
  if (!r.success) throw new Error(`${source}: ${zod.prettifyError(r.error)}`);
  return r.data;
}

/** The preset over the shipped value sets; a value set it may not replace is an error naming `source`. */
function applyPreset(p: PresetData, source: string): Preset {
  const listed: string[] = [];
  // The checked value sets, cloned: the preset's codes passed the same code schema, so the
  // result needs no second YAML round trip.
  const base = structuredClone(valueSetsData());
  for (const [id, repl] of Object.entries(p.value_sets)) {
    const vs = base.value_sets.find((v) => v.id === id);
    if (!vs) throw new Error(`${source}: unknown value set ${id}`);
    // Fixed sets (DICOM modalities, the KOS format code) are not a programme's choice.
    if (!vs.configurable) throw new Error(`${source}: value set ${id} is not configurable`);
    vs.codes = repl.codes;
    if (repl.scheme) vs.scheme = repl.scheme;
    listed.push(`preset ${p.name}: value set ${id} replaced (${repl.codes.length} codes)`);
  }
  const sev = new Map(Object.entries(p.severities));
  for (const [k, s] of sev) listed.push(`preset ${p.name}: severity of ${k} set to ${s}`);
  return {
    name: p.name,
    valueSets: indexValueSets(base, source),
    overrides: {
      get(ruleId, reqIds) {
        return sev.get(ruleId) ?? reqIds.map((id) => sev.get(id)).find((s) => s !== undefined);
      },
    },
    listed,
  };
}

/** The overrides as info findings, so every report format shows them. */
export function presetFindings(preset: Preset, artefact: string): Finding[] {
  return preset.listed.map((message) => ({
    ruleId: 'preset.override',
    reqIds: ['META-006'],
    severity: 'info' as Severity,
    message,
    location: { artefact, path: '' },
  }));
}
