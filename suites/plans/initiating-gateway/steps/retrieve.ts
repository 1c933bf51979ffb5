// ITI-43 and RAD-69 through the SUT's initiating gateway, for the entry community a returned:
// the gateway must send it on to the community named by HomeCommunityId (our community a
// sees the ITI-39 / RAD-75) and hand back the bytes with that HomeCommunityId (XDS-028 for the
// document retrieve, XDS-029 for the imaging one, where the gateway offers XCA-I).
import type { Finding } from '../../../../model/finding.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { errorCodes, federation, finding, retrieve, retrieveImagingFrom, seenBy, settled, type Retrieved } from '../calls.ts';
import { communityOf, nationalCx, PATIENTS } from '../communities.ts';

interface Rules {
  document: string;
  home: string;
}

function judge(r: Retrieved, home: string, uid: string, bytes: Uint8Array, req: string, rule: Rules): Finding[] {
  const rr = r.response?.response;
  const doc = r.documents.find((d) => d.documentUniqueId === uid);
  if (rr?.status !== STATUS.success || !doc?.data)
    return [
      finding(
        rule.document,
        [req],
        r.exchange,
        'RetrieveDocumentSetResponse',
        `expected Success with document ${uid} of ${home}; got ${rr ? `${rr.status} [${errorCodes(rr).join(', ')}]` : (r.error ?? 'nothing')}`,
      ),
    ];
  const out: Finding[] = [];
  const answered = r.response?.documents.find((d) => d.documentUniqueId === uid)?.homeCommunityId;
  if (answered !== home)
    out.push(
      finding(
        rule.home,
        [req],
        r.exchange,
        'DocumentResponse/HomeCommunityId',
        `HomeCommunityId is ${answered ?? '(absent)'}, not ${home}`,
      ),
    );
  if (!Buffer.from(doc.data).equals(Buffer.from(bytes)))
    out.push(
      finding(
        rule.document,
        [req],
        r.exchange,
        'DocumentResponse/Document',
        `the ${doc.data.length} bytes are not the ${bytes.length} the community holds`,
      ),
    );
  return out;
}

export function routedRetrieve(): StepDef {
  return defineStep({
    id: 'retrieve',
    title: 'ITI-43 with HomeCommunityId reaches that community (ITI-39) and returns its document',
    verifies: ['XDS-028'],
    async run(ctx) {
      const f = federation(ctx);
      const a = communityOf(f, 'normal');
      const doc = a.documents[nationalCx(PATIENTS.first)]!;
      const before = seenBy(f, a, 'ITI-39').length;
      const r = await retrieve(ctx, [
        { homeCommunityId: a.home, repositoryUniqueId: a.repositoryUniqueId, documentUniqueId: doc.uniqueId },
      ]);
      const out = judge(r, a.home, doc.uniqueId, doc.bytes, 'XDS-028', { document: 'ig.retrieve.document', home: 'ig.retrieve.home' });
      const hit = (list: ReturnType<typeof seenBy>) => list.slice(before).some((e) => (e.request.body ?? '').includes(doc.uniqueId));
      const routed = hit(await settled(() => seenBy(f, a, 'ITI-39'), hit));
      if (!routed)
        out.push(
          finding(
            'ig.retrieve.routed',
            ['XDS-028'],
            r.exchange,
            'DocumentRequest/HomeCommunityId',
            `community ${a.home} received no ITI-39 for ${doc.uniqueId}`,
          ),
        );
      return ctx.fromFindings(out, [r.exchange.id]);
    },
  });
}

export function routedImagingRetrieve(): StepDef {
  return defineStep({
    id: 'retrieve-imaging',
    title: 'RAD-69 with HomeCommunityId reaches that community (RAD-75) and returns its document',
    verifies: ['XDS-029'],
    async run(ctx) {
      const f = federation(ctx);
      const a = communityOf(f, 'normal');
      const doc = a.documents[nationalCx(PATIENTS.first)]!;
      const before = seenBy(f, a, 'RAD-75').length;
      const r = await retrieveImagingFrom(ctx, a, doc.uniqueId);
      const out = judge(r, a.home, doc.uniqueId, doc.bytes, 'XDS-029', {
        document: 'ig.retrieve-imaging.document',
        home: 'ig.retrieve-imaging.home',
      });
      const hit = (list: ReturnType<typeof seenBy>) => list.slice(before).some((e) => (e.request.body ?? '').includes(doc.uniqueId));
      const routed = hit(await settled(() => seenBy(f, a, 'RAD-75'), hit));
      if (!routed)
        out.push(
          finding(
            'ig.retrieve-imaging.routed',
            ['XDS-029'],
            r.exchange,
            'DocumentRequest/HomeCommunityId',
            `community ${a.home} received no RAD-75 for ${doc.uniqueId}`,
          ),
        );
      return ctx.fromFindings(out, [r.exchange.id]);
    },
  });
}
