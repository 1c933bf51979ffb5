// Negative ITI-41 submissions, one change each from the conformant one: the SUT must refuse
// each whole with the XDS error code the profile names.
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { patients, submit } from '../calls.ts';
import { expectRefused } from '../state.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';

export function unknownPatient(): StepDef {
  return defineStep({
    id: 'unknown-patient',
    title: 'A submission for a patient the affinity domain does not know gets XDSUnknownPatientId',
    verifies: ['XDS-004', 'XDS-005'],
    async run(ctx) {
      const res = await submit(ctx, buildSubmission({ patientCx: patients(ctx).unknown }));
      return ctx.fromFindings(expectRefused(res, ['XDSUnknownPatientId'], ['XDS-005'], 'drr.unknown-patient'));
    },
  });
}

export function metadataError(): StepDef {
  return defineStep({
    id: 'metadata-error',
    title: 'A DocumentEntry without its required mimeType gets a metadata error',
    verifies: ['XDS-004', 'XDS-007'],
    async run(ctx) {
      const res = await submit(ctx, buildSubmission({ patientCx: patients(ctx).known, noMimeType: true }));
      return ctx.fromFindings(expectRefused(res, ['XDSRegistryMetadataError', 'XDSRepositoryMetadataError'], ['XDS-007'], 'drr.metadata-error'));
    },
  });
}

export function duplicateUniqueId(): StepDef {
  return defineStep({
    id: 'duplicate-unique-id',
    title: 'Re-submitting a registered uniqueId with other content is refused',
    verifies: ['XDS-004', 'XDS-008'],
    async run(ctx) {
      const { known } = patients(ctx);
      const first = buildSubmission({ patientCx: known });
      const ok = await submit(ctx, first);
      if (ok.response?.status !== STATUS.success) return { state: 'skip', message: 'the first submission of the pair was not accepted' };
      const again = buildSubmission({ patientCx: known, uniqueId: first.uniqueId, bytes: new Uint8Array(Buffer.from(`other content for ${first.uniqueId}`)) });
      const res = await submit(ctx, again);
      return ctx.fromFindings(expectRefused(res, ['XDSNonIdenticalHash', 'XDSDuplicateUniqueIdInRegistry'], ['XDS-008'], 'drr.duplicate-unique-id'));
    },
  });
}
