// ITI-66 Find Document Lists (MHD 4.2 ITI TF-2 3.66): SubmissionSets as List resources.
// Folders are not kept by this registry, so code=folder finds nothing.
import type { Bundle } from 'fhir/r4.js';
import { ASSOC } from '../../protocols/ebrim/index.ts';
import type { FindSubmissionSetsQuery } from '../store/types.ts';
import { dateRange } from './fhir-dates.ts';
import type { SearchContext } from './find-document-references.ts';
import { entryUuidOf, resourceIdOf } from './ids.ts';
import { submissionSetList } from './served-resources.ts';
import { notFound, type MhdResponse } from './outcomes.ts';
import { bad, codeKeys, groups, patientCx, statuses, token, type SearchQuery } from './search-params.ts';

export const LIST_PARAMS = [
  ['patient', 'reference'],
  ['patient.identifier', 'token'],
  ['status', 'token'],
  ['code', 'token'],
  ['date', 'date'],
  ['designationType', 'token'],
  ['sourceId', 'token'],
  ['identifier', 'token'],
  ['_id', 'token'],
] as const;

const LIST_STATUS = { current: 'Approved', retired: 'Deprecated', 'entered-in-error': null } as const;

export async function findLists(q: SearchQuery, ctx: SearchContext, selfUrl: string): Promise<MhdResponse> {
  const query: FindSubmissionSetsQuery = { patientId: patientCx(q, 'List.subject'), statuses: statuses(q, 'List.status', LIST_STATUS) };
  const codes = groups(q, 'code')?.map((g) => g.map((v) => token(v).code)) ?? [];
  const wantsSubmissionSets = codes.every((g) => g.includes('submissionset'));
  const types = groups(q, 'designationType')?.map((g) => codeKeys(g, ctx.cfg.systems, ctx.cfg.codingSchemes));
  if (types?.length) query.contentTypeCodes = types.reduce((a, b) => a.filter((k) => b.includes(k)));
  const sources = groups(q, 'sourceId')
    ?.flat()
    .map((v) => token(v).code.replace(/^urn:oid:/, ''));
  if (sources?.length) query.sourceIds = sources;
  const dates = q.get('date');
  if (dates?.length) {
    const r = dateRange(dates);
    if (typeof r === 'string') throw bad(r, 'List.date');
    if (r.from) query.submissionTimeFrom = r.from;
    if (r.to) query.submissionTimeTo = r.to;
  }
  const empty = !wantsSubmissionSets || !query.statuses.length || query.contentTypeCodes?.length === 0;
  let sets = empty ? [] : await ctx.store.findSubmissionSets(query);
  for (const g of groups(q, 'identifier') ?? []) {
    const values = g.map((v) => token(v).code);
    sets = sets.filter((s) => values.some((v) => v === s.entryUuid || v.replace(/^urn:oid:/, '') === s.uniqueId));
  }
  for (const g of groups(q, '_id') ?? []) sets = sets.filter((s) => g.includes(resourceIdOf(s.entryUuid)));
  const lists = await Promise.all(sets.map((s) => listOf(s.entryUuid, ctx)));
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: lists.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: lists.flatMap((l) => (l ? [{ fullUrl: `${ctx.base}/List/${l.id}`, resource: l, search: { mode: 'match' as const } }] : [])),
  };
  return { status: 200, resource: bundle };
}

async function listOf(entryUuid: string, ctx: SearchContext) {
  const [ss] = await ctx.store.submissionSetsByUuid([entryUuid]);
  if (!ss) return undefined;
  const members = (await ctx.store.associationsOf([entryUuid]))
    .filter((a) => a.sourceUuid === entryUuid && a.type === ASSOC.hasMember)
    .map((a) => a.targetUuid);
  return submissionSetList(ss, members, ctx.cfg.systems);
}

export async function readList(id: string, ctx: SearchContext): Promise<MhdResponse> {
  const uuid = entryUuidOf(id);
  const list = uuid ? await listOf(uuid, ctx) : undefined;
  return list ? { status: 200, resource: list } : notFound(`List/${id} is not known`);
}
