// ITI-67 Find Document References (MHD 4.2 ITI TF-2 3.67) over the XDS store: the search is
// translated to the FindDocuments query ITI-18 runs (ITI-67 Table 2:3.67.4.1.3.1-1), so both
// protocols find the same documents (MHD-010). MCWG filters: modality and anatomic-region
// are event codes with DCM / SNOMED as default system, study and accession are related
// identifiers, period is the study date (serviceStartTime).
import type { Bundle, DocumentReference } from 'fhir/r4.js';
import type { DocumentEntryRecord, FindDocumentsQuery, XdsStore } from '../store/types.ts';
import type { MhdConfig } from './config.ts';
import { dateRange } from './fhir-dates.ts';
import { entryUuidOf, resourceIdOf } from './ids.ts';
import { documentReferenceOf } from './served-resources.ts';
import { fail, notFound, type MhdResponse } from './outcomes.ts';
import { pageLinks, pageOf, slice } from './paging.ts';
import { bad, codeKeys, groups, patientCx, statuses, token, type SearchQuery } from './search-params.ts';

const DCM = '1.2.840.10008.2.16.4';
const SCT = '2.16.840.1.113883.6.96';
const STUDY_UID = 'urn:ihe:iti:xds:2016:studyInstanceUID';
const ACCESSION = 'urn:ihe:iti:xds:2013:accession';

export interface SearchContext {
  store: XdsStore;
  cfg: MhdConfig;
  /** Absolute FHIR base, e.g. http://127.0.0.1:4000/fhir */
  base: string;
}

/** The parameters this responder honours; the CapabilityStatement lists the same. */
export const DOCUMENT_REFERENCE_PARAMS = [
  ['patient', 'reference'],
  ['patient.identifier', 'token'],
  ['status', 'token'],
  ['_id', 'token'],
  ['identifier', 'token'],
  ['category', 'token'],
  ['type', 'token'],
  ['setting', 'token'],
  ['facility', 'token'],
  ['format', 'token'],
  ['event', 'token'],
  ['security-label', 'token'],
  ['related', 'reference'],
  ['creation', 'date'],
  ['date', 'date'],
  ['period', 'date'],
  ['author.family', 'string'],
  ['author.given', 'string'],
  ['modality', 'token'],
  ['anatomic-region', 'token'],
  ['study', 'token'],
  ['accession', 'token'],
  ['_count', 'number'],
  ['_offset', 'number'],
] as const;

type Filter = (r: DocumentEntryRecord) => boolean;

export function documentsQuery(q: SearchQuery, cfg: MhdConfig): { query: FindDocumentsQuery; filters: Filter[] } {
  const E = 'DocumentReference';
  const query: FindDocumentsQuery = { patientId: patientCx(q, `${E}.subject`), statuses: statuses(q, `${E}.status`) };
  const filters: Filter[] = [];
  const keys = (g: readonly string[], fallback?: string) => codeKeys(g, cfg.systems, cfg.codingSchemes, fallback);
  const single = (
    param: string,
    set: 'classCodes' | 'typeCodes' | 'practiceSettingCodes' | 'healthcareFacilityTypeCodes' | 'formatCodes',
  ) => {
    const gs = groups(q, param);
    if (!gs?.length) return;
    // One value per entry: AND of OR groups is the intersection of the groups.
    query[set] = gs.map((g) => keys(g)).reduce((a, b) => a.filter((k) => b.includes(k)));
  };
  single('category', 'classCodes');
  single('type', 'typeCodes');
  single('setting', 'practiceSettingCodes');
  single('facility', 'healthcareFacilityTypeCodes');
  single('format', 'formatCodes');
  const events = [
    ...(groups(q, 'event') ?? []).map((g) => keys(g)),
    ...(groups(q, 'modality') ?? []).map((g) => keys(g, DCM)),
    ...(groups(q, 'anatomic-region') ?? []).map((g) => keys(g, SCT)),
  ];
  if (events.length) query.eventCodeGroups = events;
  const security = groups(q, 'security-label')?.map((g) => keys(g));
  if (security?.length) query.confidentialityCodeGroups = security;

  const range = (params: string[], element: string) => {
    const values = params.flatMap((p) => q.get(p) ?? []);
    if (!values.length) return undefined;
    const r = dateRange(values);
    if (typeof r === 'string') throw bad(r, element);
    return r;
  };
  const created = range(['creation', 'date'], `${E}.content.attachment.creation`);
  if (created?.from) query.creationTimeFrom = created.from;
  if (created?.to) query.creationTimeTo = created.to;
  const period = range(['period'], `${E}.context.period`);
  if (period?.from) query.serviceStartTimeFrom = period.from;
  if (period?.to) query.serviceStartTimeTo = period.to;

  const refGroups = [
    ...['related', 'related:identifier', 'related.identifier']
      .flatMap((p) => groups(q, p) ?? [])
      .map((g) => g.flatMap((v) => referenceIds(v, cfg.referenceIdTypes))),
    ...(groups(q, 'study') ?? []).map((g) => g.map((v) => `${token(v).code.replace(/^urn:oid:/, '')}^^^^${STUDY_UID}`)),
    ...(groups(q, 'accession') ?? []).map((g) => g.flatMap((v) => referenceIds(v, [ACCESSION]))),
  ];
  const [firstRefs, ...moreRefs] = refGroups;
  if (firstRefs) query.referenceIds = firstRefs;
  for (const g of moreRefs) filters.push((r) => r.referenceIds.some((v) => g.includes(v)));

  for (const g of groups(q, '_id') ?? []) filters.push((r) => g.includes(resourceIdOf(r.entryUuid)));
  for (const g of groups(q, 'identifier') ?? []) {
    const values = g.map((v) => token(v).code);
    filters.push((r) => values.some((v) => v === r.entryUuid || v.replace(/^urn:oid:/, '') === r.uniqueId));
  }
  for (const [param, component] of [
    ['author.family', 1],
    ['author.given', 2],
  ] as const) {
    for (const g of groups(q, param) ?? []) {
      const prefixes = g.map((v) => v.toLowerCase());
      filters.push((r) =>
        r.authorPersons.some((xcn) => prefixes.some((p) => (xcn.split('^')[component] ?? '').toLowerCase().startsWith(p))),
      );
    }
  }
  return { query, filters };
}

/** A related identifier (system|value) as the CXi values it may be stored as (ITI TF-2 Z.9.1.2). */
function referenceIds(v: string, types: readonly string[]): string[] {
  const t = token(v);
  if (t.system === 'urn:dicom:uid' || (t.code.startsWith('urn:oid:') && (!t.system || t.system === 'urn:ietf:rfc:3986'))) {
    return [`${t.code.replace(/^urn:oid:/, '')}^^^^${STUDY_UID}`];
  }
  const oid = t.system?.startsWith('urn:oid:') ? t.system.slice(8) : undefined;
  return types.map((type) => (oid ? `${t.code}^^^&${oid}&ISO^${type}` : `${t.code}^^^^${type}`));
}

export async function findDocumentReferences(q: SearchQuery, ctx: SearchContext, selfUrl: string): Promise<MhdResponse> {
  const { query, filters } = documentsQuery(q, ctx.cfg);
  let records: DocumentEntryRecord[] = [];
  if (query.statuses.length && !Object.values(query).some((v) => Array.isArray(v) && v.length === 0)) {
    records = await ctx.store.findDocuments({ ...query, limit: ctx.cfg.maxResults + 1 });
  }
  if (records.length > ctx.cfg.maxResults) {
    return fail(400, {
      code: 'too-costly',
      diagnostics: `more than ${ctx.cfg.maxResults} DocumentReferences match; narrow the search`,
      expression: 'DocumentReference',
    });
  }
  records = records.filter((r) => filters.every((f) => f(r)));
  const page = pageOf(q, 'DocumentReference');
  const resources = await withRelations(slice(records, page), ctx);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: records.length,
    link: pageLinks(selfUrl, page, records.length),
    entry: resources.map((r) => ({ fullUrl: `${ctx.base}/DocumentReference/${r.id}`, resource: r, search: { mode: 'match' } })),
  };
  return { status: 200, resource: bundle };
}

async function withRelations(records: readonly DocumentEntryRecord[], ctx: SearchContext): Promise<DocumentReference[]> {
  const assocs = records.length ? await ctx.store.associationsOf(records.map((r) => r.entryUuid)) : [];
  return records.map((r) => documentReferenceOf(r, ctx.base, ctx.cfg.systems, assocs));
}

export async function readDocumentReference(id: string, ctx: SearchContext): Promise<MhdResponse> {
  const uuid = entryUuidOf(id);
  const [rec] = uuid ? await ctx.store.documentsByUuid([uuid]) : [];
  if (!rec) return notFound(`DocumentReference/${id} is not known`);
  const [dr] = await withRelations([rec], ctx);
  return { status: 200, resource: dr! };
}
