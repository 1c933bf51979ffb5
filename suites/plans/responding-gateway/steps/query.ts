// ITI-38 against the SUT's responding gateway (XDS-027): FindDocuments for a patient of its
// community returns entries, every returned object carries the community's home; a query
// addressed to another community gets XDSUnknownCommunity; a GetDocuments without home (a
// query not scoped by patient) gets XDSMissingHomeCommunityId.
import type { Finding } from '../../../../model/finding.ts';
import { DE, STATUS, externalIdOf, slotValues, type DocumentEntry } from '../../../../protocols/ebrim/index.ts';
import { param } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { findDocuments, finding, homeOf, need, patientOf, query, type Queried } from '../calls.ts';
import type { FoundEntry, PlanState } from '../state.ts';

/** A community no gateway of any deployment answers for (2.25: UUID-derived, ours alone). */
export const FOREIGN_HOME = 'urn:oid:2.25.299792458000000000000000000000000001';

export function findWithHome(state: PlanState): StepDef {
  return defineStep({
    id: 'find-documents',
    title: "FindDocuments returns the patient's entries, each object with the community's home",
    verifies: ['XDS-027'],
    async run(ctx) {
      const home = homeOf(ctx);
      const q = await query(ctx, findDocuments(patientOf(ctx), home));
      const ex = q.exchange;
      if (!q.response)
        return ctx.fromFindings([finding('rg.query.response', ['XDS-027'], ex, 'soap:Body', `no AdhocQueryResponse: ${q.error ?? ''}`)]);
      const r = q.response;
      if (r.status !== STATUS.success)
        return ctx.fromFindings([
          finding(
            'rg.query.status',
            ['XDS-027'],
            ex,
            'AdhocQueryResponse/@status',
            `FindDocuments answered ${r.status} [${r.errors.map((e) => e.errorCode).join(', ')}]`,
          ),
        ]);
      const entry = r.objects.documentEntries[0];
      if (!entry)
        return ctx.fromFindings([
          finding(
            'rg.query.empty',
            ['XDS-027'],
            ex,
            'rim:RegistryObjectList',
            "FindDocuments returned no DocumentEntry for the profile's patient; the community must hold at least one document for it",
          ),
        ]);
      const out: Finding[] = [];
      const all = [...r.objects.documentEntries, ...r.objects.submissionSets, ...r.objects.folders, ...r.objects.objectRefs];
      for (const o of all) {
        if (o.home !== home)
          out.push(finding('rg.query.home', ['XDS-027'], ex, `*[@id='${o.id}']/@home`, `home is ${o.home ?? '(absent)'}, not ${home}`));
      }
      const found = foundOf(entry);
      if (found) state.found = found;
      const kos = r.objects.documentEntries.find((e) => e.mimeType === 'application/dicom');
      const manifest = kos && foundOf(kos);
      if (manifest) state.manifest = manifest;
      return ctx.fromFindings(out);
    },
  });
}

function foundOf(entry: DocumentEntry): FoundEntry | undefined {
  const uniqueId = externalIdOf(entry, DE.uniqueId)?.value;
  const repositoryUniqueId = slotValues(entry, 'repositoryUniqueId')[0];
  if (!uniqueId || !repositoryUniqueId) return undefined;
  const hash = slotValues(entry, 'hash')[0];
  const size = slotValues(entry, 'size')[0];
  return { uniqueId, repositoryUniqueId, ...(hash ? { hash } : {}), ...(size ? { size } : {}) };
}

function refusedWith(q: Queried, code: string): string | undefined {
  if (!q.response) return `expected Failure with ${code}; got ${q.error ?? 'nothing'}`;
  const codes = q.response.errors.map((e) => e.errorCode);
  if (q.response.status === STATUS.failure && codes.includes(code)) return undefined;
  return `expected Failure with ${code}; got ${q.response.status} [${codes.join(', ')}] with ${q.response.objects.documentEntries.length} entries`;
}

export function unknownCommunity(): StepDef {
  return defineStep({
    id: 'unknown-community',
    title: 'A query addressed to another community gets XDSUnknownCommunity',
    verifies: ['XDS-027'],
    async run(ctx) {
      const q = await query(ctx, findDocuments(patientOf(ctx), FOREIGN_HOME));
      const why = refusedWith(q, 'XDSUnknownCommunity');
      return ctx.fromFindings(why ? [finding('rg.query.unknown-community', ['XDS-027'], q.exchange, 'AdhocQueryResponse', why)] : []);
    },
  });
}

export function missingHome(state: PlanState): StepDef {
  return defineStep({
    id: 'missing-home',
    title: 'GetDocuments without home gets XDSMissingHomeCommunityId',
    verifies: ['XDS-027'],
    async run(ctx) {
      const found = need(state.found, 'the entry FindDocuments returned');
      const q = await query(ctx, { queryId: QUERY.GetDocuments, parameters: [param('$XDSDocumentEntryUniqueId', found.uniqueId)] });
      const why = refusedWith(q, 'XDSMissingHomeCommunityId');
      return ctx.fromFindings(why ? [finding('rg.query.missing-home', ['XDS-027'], q.exchange, 'AdhocQueryResponse', why)] : []);
    },
  });
}
