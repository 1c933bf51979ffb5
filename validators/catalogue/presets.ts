// Programme presets (suites/presets/<name>.yaml): replace the codes of configurable value
// sets and raise, lower or switch off severities by rule or requirement id. Every override
// is returned as a line so reports can list it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Finding, Severity } from '../../model/finding.ts';
import type { SeverityOverrides } from '../rule.ts';
import { indexValueSets, valueSetsData, type ValueSets } from './value-sets.ts';

const CodeSchema = z.looseObject({ code: z.string().min(1), scheme: z.string().optional(), display: z.string().optional() });

const PresetSchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().optional(),
  description: z.string().optional(),
  value_sets: z
    .record(z.string().regex(/^VS-[A-Z0-9-]+$/), z.strictObject({ codes: z.array(CodeSchema).min(1), scheme: z.string().optional() }))
    .default({}),
  severities: z.record(z.string().min(1), z.enum(['error', 'warning', 'info', 'off'])).default({}),
});

export interface Preset {
  name: string;
  valueSets: ValueSets;
  overrides: SeverityOverrides;
  /** One human-readable line per override, in file order. */
  listed: string[];
}

export function loadPreset(file: string): Preset {
  return parsePreset(readFileSync(file, 'utf8'), file);
}

export function parsePreset(text: string, source = 'preset.yaml'): Preset {
  const r = PresetSchema.safeParse(parse(text));
  if (!r.success) throw new Error(`${source}: ${z.prettifyError(r.error)}`);
  const p = r.data;
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
