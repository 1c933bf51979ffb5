// Negative ITI-41 submissions, one change each from the conformant one: the SUT must refuse
// each whole with the XDS error code the profile names.
import { DE, SS, STATUS } from '../../../../protocols/ebrim/index.ts';
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
      return ctx.fromFindings(
        expectRefused(res, ['XDSRegistryMetadataError', 'XDSRepositoryMetadataError'], ['XDS-007'], 'drr.metadata-error'),
      );
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
      const again = buildSubmission({
        patientCx: known,
        uniqueId: first.uniqueId,
        bytes: new Uint8Array(Buffer.from(`other content for ${first.uniqueId}`)),
      });
      const res = await submit(ctx, again);
      return ctx.fromFindings(
        expectRefused(res, ['XDSNonIdenticalHash', 'XDSDuplicateUniqueIdInRegistry'], ['XDS-008'], 'drr.duplicate-unique-id'),
      );
    },
  });
}

export function patientMismatch(): StepDef {
  return defineStep({
    id: 'patient-mismatch',
    title: "A DocumentEntry whose patientId differs from its SubmissionSet's gets XDSPatientIdDoesNotMatch",
    verifies: ['XDS-004', 'XDS-006'],
    async run(ctx) {
      const { known, unknown } = patients(ctx);
      const s = buildSubmission({ patientCx: known });
      // Only the SubmissionSet changes: the DocumentEntry keeps the known patient.
      const ss = s.request.objects.submissionSets[0]!;
      ss.externalIdentifiers = ss.externalIdentifiers.map((x) => (x.scheme === SS.patientId ? { ...x, value: unknown } : x));
      const res = await submit(ctx, s);
      return ctx.fromFindings(expectRefused(res, ['XDSPatientIdDoesNotMatch'], ['XDS-006'], 'drr.patient-mismatch'));
    },
  });
}

export function documentWithoutMetadata(): StepDef {
  return defineStep({
    id: 'document-without-metadata',
    title: 'A document part no DocumentEntry describes gets XDSMissingDocumentMetadata',
    verifies: ['XDS-004', 'XDS-002'],
    async run(ctx) {
      const s = buildSubmission({ patientCx: patients(ctx).known });
      s.request.documents = [
        ...(s.request.documents ?? []),
        { id: 'StrayDocument', content: new Uint8Array(Buffer.from('a document no metadata describes')), path: '' },
      ];
      const res = await submit(ctx, s);
      return ctx.fromFindings(expectRefused(res, ['XDSMissingDocumentMetadata'], ['XDS-002'], 'drr.document-without-metadata'));
    },
  });
}

/** A modality code no value set holds: the marker the out-of-value-set submission carries. */
export const NOT_A_MODALITY = 'XX-NOT-A-MODALITY';

export function valueSetEnforced(): StepDef {
  return defineStep({
    id: 'value-set-enforced',
    title: 'An eventCodeList modality outside VS-MODALITY gets a metadata error',
    verifies: ['XDS-004', 'META-006'],
    async run(ctx) {
      const s = buildSubmission({ patientCx: patients(ctx).known });
      const de = s.request.objects.documentEntries[0]!;
      const modality = de.classifications.find(
        (c) => c.scheme === DE.eventCodeList && c.slots.some((x) => x.values.includes('1.2.840.10008.2.16.4')),
      );
      if (!modality) return { state: 'error', message: 'our submission has no DCM modality event code to change' };
      modality.nodeRepresentation = NOT_A_MODALITY;
      const res = await submit(ctx, s);
      return ctx.fromFindings(expectRefused(res, ['XDSRegistryMetadataError'], ['META-006'], 'drr.value-set-enforced'));
    },
  });
}
