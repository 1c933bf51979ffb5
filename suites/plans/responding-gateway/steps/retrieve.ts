// ITI-39 against the SUT's responding gateway (XDS-028): the entry ITI-38 found comes back with
// the community's HomeCommunityId, and its bytes match the entry's hash and size.
import { createHash } from 'node:crypto';
import type { Finding } from '../../../../model/finding.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, homeOf, need, retrieve } from '../calls.ts';
import type { PlanState } from '../state.ts';

export function retrieveFound(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve',
    title: "Cross Gateway Retrieve returns the document with the community's HomeCommunityId and matching bytes",
    verifies: ['XDS-028'],
    async run(ctx) {
      const found = need(state.found, 'the entry FindDocuments returned');
      const home = homeOf(ctx);
      const r = await retrieve(ctx, [
        { homeCommunityId: home, repositoryUniqueId: found.repositoryUniqueId, documentUniqueId: found.uniqueId },
      ]);
      const doc = r.documents.find((d) => d.documentUniqueId === found.uniqueId);
      if (r.status !== STATUS.success || !doc?.data) {
        return ctx.fromFindings([
          finding(
            'rg.retrieve.document',
            ['XDS-028'],
            r.exchange,
            'RetrieveDocumentSetResponse',
            `expected Success with document ${found.uniqueId}; got ${r.status ?? r.error ?? 'nothing'} [${r.errors.join(', ')}]`,
          ),
        ]);
      }
      const out: Finding[] = [];
      if (doc.homeCommunityId !== home)
        out.push(
          finding(
            'rg.retrieve.home',
            ['XDS-028'],
            r.exchange,
            'DocumentResponse/HomeCommunityId',
            `HomeCommunityId is ${doc.homeCommunityId ?? '(absent)'}, not ${home}`,
          ),
        );
      const sha1 = createHash('sha1').update(doc.data).digest('hex');
      if (found.hash && found.hash.toLowerCase() !== sha1)
        out.push(
          finding(
            'rg.retrieve.hash',
            ['XDS-028'],
            r.exchange,
            'DocumentResponse/Document',
            `SHA-1 of the ${doc.data.length} bytes is ${sha1}; the entry says ${found.hash}`,
          ),
        );
      else if (found.size && found.size !== String(doc.data.length))
        out.push(
          finding(
            'rg.retrieve.hash',
            ['XDS-028'],
            r.exchange,
            'DocumentResponse/Document',
            `${doc.data.length} bytes came back; the entry says ${found.size}`,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
