// MHD JSON (an ITI-65 Bundle, a searchset Bundle or one DocumentReference): R4 schema, MHD
// rules, then the XDS rules on each DocumentReference mapped back to a DocumentEntry, so
// findings carry FHIRPaths.
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import type { Finding } from '../../model/finding.ts';
import { nonObjectEntries, parseFhirJson, tableFromSchemes, toDocumentEntry, validateR4Schema } from '../../protocols/fhir/index.ts';
import { loadValueSets } from '../catalogue/value-sets.ts';
import { runRules } from '../rule.ts';
import { MHD_RULES } from './mhd/rule-sets.ts';
import { mhdView } from './mhd/view.ts';
import { parseFinding, runMetadataRules, type MetadataOptions } from './validate-ebrim.ts';
import { viewOf } from './view.ts';
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';

export interface FhirValidation {
  findings: Finding[];
  /** Each DocumentReference mapped to a DocumentEntry (FHIRPath locations). */
  entries: DocumentEntry[];
  json?: unknown;
}

export function validateFhirJson(input: string | Uint8Array, artefact: string, opts: MetadataOptions = {}): FhirValidation {
  const p = parseFhirJson(input);
  if (!p.ok) return { findings: [parseFinding(artefact, 'json', p.message, '')], entries: [] };
  return validateFhir(p.value, artefact, opts);
}

export function validateFhir(json: unknown, artefact: string, opts: MetadataOptions = {}): FhirValidation {
  const vs = opts.valueSets ?? loadValueSets();
  const findings: Finding[] = [];
  const rt = (json as { resourceType?: unknown } | null)?.resourceType;
  if (rt !== 'Bundle' && rt !== 'DocumentReference') {
    return {
      findings: [
        {
          ruleId: 'mhd.resource-type',
          reqIds: ['MHD-001'],
          severity: 'error',
          message: `expected a Bundle or DocumentReference; found ${typeof rt === 'string' ? rt : 'no resourceType'}`,
          location: { artefact, path: typeof rt === 'string' ? `${rt}.resourceType` : '' },
        },
      ],
      entries: [],
      json,
    };
  }
  const structural = (resource: unknown, path: string, req: string) => {
    for (const i of validateR4Schema(resource, path))
      findings.push({
        ruleId: 'mhd.r4-schema',
        reqIds: [req],
        severity: 'error',
        message: `FHIR R4 structure: ${i.message}`,
        location: { artefact, path: i.path },
      });
  };
  if (rt === 'Bundle') {
    // An entry that is not an object (null, a number) leaves nothing for the rules to read.
    const bad = nonObjectEntries(json);
    if (bad.length)
      return {
        findings: bad.map((p) => ({
          ruleId: 'mhd.bundle.entry-object',
          reqIds: ['MHD-001'],
          severity: 'error' as const,
          message: p.message,
          location: { artefact, path: p.path },
        })),
        entries: [],
        json,
      };
    const b = json as Bundle;
    // Entries are checked one by one so each issue points at its entry.
    structural({ ...b, entry: [] }, 'Bundle', 'MHD-001');
    (Array.isArray(b.entry) ? b.entry : []).forEach(
      (e, i) => e?.resource && structural(e.resource, `Bundle.entry[${i}].resource`, 'MHD-002'),
    );
  } else structural(json, 'DocumentReference', 'META-054');
  const view = mhdView(json);
  findings.push(...runRules(MHD_RULES, view, { valueSets: vs }, artefact, opts.overrides));
  const bundle = view.bundle;
  const resolve = (ref: string) =>
    bundle?.entry?.find((e) => e.fullUrl === ref || (e.resource && `${e.resource.resourceType}/${e.resource.id}` === ref))?.resource;
  const systems = tableFromSchemes(vs.schemes);
  const entries = view.references.map(({ resource, path }) => toDocumentEntry(resource as DocumentReference, { path, systems, resolve }));
  const role = bundle?.type === 'searchset' ? 'registry' : 'submission';
  const mapped = viewOf(
    {
      documentEntries: entries,
      submissionSets: [],
      folders: [],
      associations: [],
      objectRefs: [],
      unclassifiedPackages: [],
      path: bundle ? 'Bundle' : 'DocumentReference',
    },
    { origin: 'fhir', role },
  );
  findings.push(...runMetadataRules(mapped, artefact, { ...opts, valueSets: vs }));
  return { findings, entries, json };
}
