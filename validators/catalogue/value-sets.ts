// MCWG value sets (validators/catalogue/value-sets.yaml), loaded and checked with zod.
// Codes compare on value and scheme only: displays may be localised.
// yaml and zod are required only when the YAML is parsed: the compiled CLI reads the set
// pre-checked at build time (model/precompiled.ts) and never loads them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { packagePath } from '../../model/package-root.ts';
import { readPrecompiled } from '../../model/precompiled.ts';

function buildSchemas(zod: typeof z) {
  const CodeSchema = zod.looseObject({ code: zod.string().min(1), scheme: zod.string().optional(), display: zod.string().optional() });
  const ValueSetSchema = zod.looseObject({
    id: zod.string().regex(/^VS-[A-Z0-9-]+$/),
    purpose: zod.string(),
    scheme: zod.string().optional(),
    configurable: zod.boolean(),
    codes: zod.array(CodeSchema),
  });
  const FileSchema = zod.looseObject({
    catalogue: zod.string(),
    version: zod.string(),
    coding_schemes: zod.record(
      zod.string(),
      zod.looseObject({ name: zod.string(), oid: zod.string().optional(), uri: zod.string().optional() }),
    ),
    value_sets: zod.array(ValueSetSchema),
  });
  return { CodeSchema, ValueSetSchema, FileSchema };
}
type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;
const requireLazily = createRequire(import.meta.url);

export type Code = z.infer<Schemas['CodeSchema']>;
export type ValueSet = z.infer<Schemas['ValueSetSchema']>;
/** The checked content of value-sets.yaml. */
export type ValueSetsData = z.infer<Schemas['FileSchema']>;
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

/** Parses and checks the YAML text; throws naming `source` and the failing path. */
export function checkValueSets(text: string, source = 'value-sets.yaml'): ValueSetsData {
  const zod = (requireLazily('zod') as { z: typeof z }).z;
  const { parse } = requireLazily('yaml') as typeof import('yaml');
  schemas ??= buildSchemas(zod);
  const result = schemas.FileSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`${source}: ${zod.prettifyError(result.error)}`);
  return result.data;
}

export function parseValueSets(text: string, source = 'value-sets.yaml'): ValueSets {
  return indexValueSets(checkValueSets(text, source), source);
}

/** The lookup over checked data (from the YAML, or pre-checked by the build). */
export function indexValueSets(data: ValueSetsData, source = 'value-sets.yaml'): ValueSets {
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
      return vs.codes.some(
        (c) => c.code === code && (scheme === undefined || sameScheme(c.scheme ?? vs.scheme, scheme, data.coding_schemes)),
      );
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

let cachedData: ValueSetsData | undefined;
let cached: ValueSets | undefined;

/** The checked content of value-sets.yaml, read once (pre-checked by the build when compiled). Do not mutate: clone it. */
export function valueSetsData(): ValueSetsData {
  if (cachedData) return cachedData;
  const text = readFileSync(VALUE_SETS_FILE, 'utf8');
  cachedData = readPrecompiled<ValueSetsData>('value-sets', text) ?? checkValueSets(text, VALUE_SETS_FILE);
  return cachedData;
}

export function loadValueSets(): ValueSets {
  cached ??= indexValueSets(valueSetsData(), VALUE_SETS_FILE);
  return cached;
}
