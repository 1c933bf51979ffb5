// ITI-43 against the SUT's repository: the registered document comes back byte for byte
// (XDS-022); an unknown uniqueId gets XDSDocumentUniqueIdError (XDS-023).
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, retrieve } from '../calls.ts';
import { need, type PlanState } from '../state.ts';
import { freshUid } from '../../common/iti41-submission.ts';

export function retrieveRegistered(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve',
    title: 'Retrieve Document Set returns the registered bytes',
    verifies: ['XDS-022'],
    async run(ctx) {
      const reg = need(state.registered, 'the registered document');
      const r = await retrieve(ctx, reg.uniqueId, need(state.repositoryUniqueId, 'the repositoryUniqueId'));
      const doc = r.documents.find((d) => d.documentUniqueId === reg.uniqueId);
      if (r.status !== STATUS.success || !doc?.data) {
        return ctx.fromFindings([
          finding(
            'drr.retrieve.document',
            ['XDS-022'],
            r.exchange,
            'RetrieveDocumentSetResponse',
            `expected Success with the document; got ${r.status ?? r.error ?? 'nothing'} [${r.errors.join(', ')}]`,
          ),
        ]);
      }
      if (!Buffer.from(reg.bytes).equals(doc.data))
        return ctx.fromFindings([
          finding(
            'drr.retrieve.bytes',
            ['XDS-022'],
            r.exchange,
            'DocumentResponse/Document',
            `the ${doc.data.length} bytes returned are not the ${reg.bytes.byteLength} bytes registered`,
          ),
        ]);
      return ctx.fromFindings([]);
    },
  });
}

export function retrieveUnknown(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve-unknown',
    title: 'Retrieving an unknown document uniqueId gets XDSDocumentUniqueIdError',
    verifies: ['XDS-023'],
    async run(ctx) {
      const repo = ctx.sut.oids.repositoryUniqueId ?? need(state.repositoryUniqueId, 'the repositoryUniqueId');
      const r = await retrieve(ctx, freshUid(), repo);
      if (r.status !== STATUS.success && r.errors.includes('XDSDocumentUniqueIdError') && r.documents.length === 0)
        return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'drr.retrieve.unknown',
          ['XDS-023'],
          r.exchange,
          'RegistryResponse',
          `expected Failure with XDSDocumentUniqueIdError; got ${r.status ?? r.error ?? 'nothing'} [${r.errors.join(', ')}]`,
        ),
      ]);
    },
  });
}
