// ITI-18 through the SUT's initiating gateway (XDS-027: objects of a federation carry their
// homeCommunityId; a community that cannot answer is reported XDSUnavailableCommunity; an
// unknown one XDSUnknownCommunity). One FindDocuments for patient 1, known to communities a
// (answers), b (slow), c (down): the answer must merge a's entry with home=a's id, name b and
// c as unavailable, leave out b's late entry and come back within the declared deadline.
import type { Finding } from '../../../../model/finding.ts';
import { DE, externalIdOf, STATUS, type AdhocQueryResponse } from '../../../../protocols/ebrim/index.ts';
import { isHomeCommunityId } from '../../../../simulators/xca/home.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { ANSWER_MARGIN_MS, communityOf, instructions, nationalCx, PATIENTS, type Community } from '../communities.ts';
import { errorCodes, federation, findDocuments, finding, need, retrieve } from '../calls.ts';
import type { PlanState } from '../state.ts';

/** A community no deployment has (2.25: UUID-derived, ours alone). */
export const FOREIGN_HOME = 'urn:oid:2.25.299792458000000000000000000000000002';

const entryIds = (r: AdhocQueryResponse) => r.objects.documentEntries.map((e) => externalIdOf(e, DE.uniqueId)?.value);

export function federatedFind(state: PlanState): StepDef {
  return defineStep({
    id: 'find',
    title: "FindDocuments returns the reachable community's entries, every object with its home",
    verifies: ['XDS-027'],
    async run(ctx) {
      const f = federation(ctx);
      const a = communityOf(f, 'normal');
      const q = await findDocuments(ctx, nationalCx(PATIENTS.first));
      state.find = q;
      const ex = q.exchange;
      if (!q.response)
        return ctx.fromFindings([finding('ig.find.response', ['XDS-027'], ex, 'soap:Body', `no AdhocQueryResponse: ${q.error ?? ''}`)]);
      const r = q.response;
      // The usual cause on a first run: the gateway does not know our communities yet.
      const setup = `; ${instructions(f)}`;
      const expected = a.documents[nationalCx(PATIENTS.first)]!.uniqueId;
      const entry = r.objects.documentEntries.find((e) => externalIdOf(e, DE.uniqueId)?.value === expected);
      if (!entry)
        return ctx.fromFindings([
          finding(
            'ig.find.merged',
            ['XDS-027'],
            ex,
            'rim:RegistryObjectList',
            `community ${a.home} holds document ${expected} for the patient and answered in time; the answer (${r.status}, [${errorCodes(r).join(', ')}]) has ${entryIds(r).join(', ') || 'no entries'}${setup}`,
          ),
        ]);
      const out: Finding[] = [];
      const all = [...r.objects.documentEntries, ...r.objects.submissionSets, ...r.objects.folders, ...r.objects.objectRefs];
      for (const o of all)
        if (!isHomeCommunityId(o.home))
          out.push(finding('ig.find.home', ['XDS-027'], ex, `*[@id='${o.id}']/@home`, `home is ${o.home ?? '(absent)'}, not a urn:oid:`));
      if (isHomeCommunityId(entry.home) && entry.home !== a.home)
        out.push(
          finding('ig.find.home', ['XDS-027'], ex, `*[@id='${entry.id}']/@home`, `community ${a.home}'s entry carries home ${entry.home}`),
        );
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function partialSuccess(state: PlanState): StepDef {
  return defineStep({
    id: 'partial',
    title: 'The slow and the down community are reported XDSUnavailableCommunity, within the deadline',
    verifies: ['XDS-027'],
    async run(ctx) {
      const f = federation(ctx);
      const q = need(state.find, 'the federated FindDocuments');
      const r = need(q.response, 'its AdhocQueryResponse');
      const ex = q.exchange;
      const out: Finding[] = [];
      const late = f.timeoutMs + ANSWER_MARGIN_MS;
      if (q.elapsedMs > late)
        out.push(
          finding(
            'ig.partial.deadline',
            ['XDS-027'],
            ex,
            'AdhocQueryResponse',
            `answered after ${q.elapsedMs} ms; the gateway declares a ${f.timeoutMs} ms deadline per community (we allow ${late} ms)`,
          ),
        );
      if (r.status !== STATUS.partialSuccess)
        out.push(
          finding(
            'ig.partial.status',
            ['XDS-027'],
            ex,
            'AdhocQueryResponse/@status',
            `status ${r.status}; some communities answered, some not: PartialSuccess`,
          ),
        );
      const slow = communityOf(f, 'slow');
      const lateId = slow.documents[nationalCx(PATIENTS.first)]!.uniqueId;
      if (entryIds(r).includes(lateId))
        out.push(
          finding(
            'ig.partial.deadline',
            ['XDS-027'],
            ex,
            'rim:RegistryObjectList',
            `the answer holds ${lateId} of ${slow.home}, which answers only after ${f.slowMs} ms: the gateway waited past its deadline`,
          ),
        );
      const unavailable = r.errors.filter((e) => e.errorCode === 'XDSUnavailableCommunity');
      const names = (c: Community) =>
        unavailable.some((e) => e.location === c.home || e.codeContext.includes(c.home.replace(/^urn:oid:/, '')));
      for (const c of [slow, communityOf(f, 'down')]) {
        if (names(c)) continue;
        out.push({
          ...finding(
            'ig.partial.unavailable',
            ['XDS-027'],
            ex,
            'RegistryErrorList',
            `no XDSUnavailableCommunity names ${c.home} (${c.role}) in its location; errors: [${r.errors.map((e) => `${e.errorCode}@${e.location ?? ''}`).join(', ')}]`,
          ),
          // Which community failed belongs in location (ITI TF-2 3.18.4.1.3); an unnamed error still tells the consumer the answer is partial.
          ...(unavailable.length > 0 ? { severity: 'warning' as const } : {}),
        });
      }
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function unknownCommunity(): StepDef {
  return defineStep({
    id: 'unknown-community',
    title: 'A query and a retrieve addressed to an unknown community get XDSUnknownCommunity',
    verifies: ['XDS-027'],
    async run(ctx) {
      const a = communityOf(federation(ctx), 'normal');
      const out: Finding[] = [];
      const q = await findDocuments(ctx, nationalCx(PATIENTS.first), FOREIGN_HOME);
      if (!errorCodes(q.response).includes('XDSUnknownCommunity') || q.response?.status !== STATUS.failure)
        out.push(
          finding(
            'ig.unknown.query',
            ['XDS-027'],
            q.exchange,
            'AdhocQueryResponse',
            `expected Failure with XDSUnknownCommunity; got ${q.response ? `${q.response.status} [${errorCodes(q.response).join(', ')}]` : (q.error ?? 'nothing')}`,
          ),
        );
      const uid = a.documents[nationalCx(PATIENTS.first)]!.uniqueId;
      const r = await retrieve(ctx, [{ homeCommunityId: FOREIGN_HOME, repositoryUniqueId: a.repositoryUniqueId, documentUniqueId: uid }]);
      const rr = r.response?.response;
      if (!errorCodes(rr).includes('XDSUnknownCommunity') || r.documents.length > 0)
        out.push(
          finding(
            'ig.unknown.retrieve',
            ['XDS-027'],
            r.exchange,
            'RetrieveDocumentSetResponse',
            `expected XDSUnknownCommunity and no document; got ${rr ? `${rr.status} [${errorCodes(rr).join(', ')}]` : (r.error ?? 'nothing')} with ${r.documents.length} documents`,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
