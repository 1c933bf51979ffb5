// MCWG value sets (validators/catalogue/value-sets.yaml), loaded and checked with zod.
// Codes compare on value and scheme only: displays may be localised.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../../model/package-root.ts';

const CodeSchema = z.looseObject({ code: z.string().min(1), scheme: z.string().optional(), display: z.string().optional() });

const ValueSetSchema = z.looseObject({
  id: z.string().regex(/^VS-[A-Z0-9-]+$/),
  purpose: z.string(),
  scheme: z.string().optional(),
  configurable: z.boolean(),
  codes: z.array(CodeSchema),
});

const FileSchema = z.looseObject({
  catalogue: z.string(),
  version: z.string(),
  coding_schemes: z.record(z.string(), z.looseObject({ name: z.string(), oid: z.string().optional(), uri: z.string().optional() })),
  value_sets: z.array(ValueSetSchema),
});

export type Code = z.infer<typeof CodeSchema>;
export type ValueSet = z.infer<typeof ValueSetSchema>;
export type CodingScheme = { name: string; oid?: string | undefined; uri?: string | undefined };

export interface ValueSets {
  version: string;
  schemes: Readonly<Record<string, CodingScheme>>;
  sets: readonly ValueSet[];
  get(id: string): ValueSet | undefined;
  /** The set's codes with the scheme resolved (code-level scheme, else the set's). */
  contains(id: string, code: string, scheme?: string): boolean;
}

export const VALUE_SETS_FILE = packagePath('validators/catalogue/value-sets.yaml');

export function parseValueSets(text: string, source = 'value-sets.yaml'): ValueSets {
  const result = FileSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`${source}: ${z.prettifyError(result.error)}`);
  const data = result.data;
  const byId = new Map<string, ValueSet>();
  for (const vs of data.value_sets) {
    if (byId.has(vs.id)) throw new Error(`${source}: duplicate value set ${vs.id}`);
    byId.set(vs.id, vs);
  }
  return {
    version: data.version,
    schemes: data.coding_schemes,
    sets: data.value_sets,
    get: (id) => byId.get(id),
    contains(id, code, scheme) {
      const vs = byId.get(id);
      if (!vs) return false;
      return vs.codes.some((c) => c.code === code && (scheme === undefined || sameScheme(c.scheme ?? vs.scheme, scheme, data.coding_schemes)));
    },
  };
}

/** A scheme may be named by key (DCM), OID or FHIR URI; all three name the same scheme. */
export function sameScheme(a: string | undefined, b: string, schemes: Readonly<Record<string, CodingScheme>>): boolean {
  if (a === undefined) return true;
  if (a === b) return true;
  const s = schemes[a];
  if (!s) return false;
  return b === s.oid || b === s.uri || b === `urn:oid:${s.oid}`;
}

let cached: ValueSets | undefined;

export function loadValueSets(): ValueSets {
  cached ??= parseValueSets(readFileSync(VALUE_SETS_FILE, 'utf8'), VALUE_SETS_FILE);
  return cached;
}
