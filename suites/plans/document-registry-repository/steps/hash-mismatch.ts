// A source-supplied hash that does not match the bytes: the repository must refuse the
// submission (XDS-010) and keep nothing of it (XDS-009: GetDocuments finds no entry).
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, getDocuments, patients, submit } from '../calls.ts';
import { expectRefused } from '../state.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';

export function hashMismatch(): StepDef {
  return defineStep({
    id: 'hash-mismatch',
    title: 'A wrong hash slot is refused and nothing of the submission is registered',
    verifies: ['XDS-004', 'XDS-009', 'XDS-010'],
    async run(ctx) {
      const s = buildSubmission({ patientCx: patients(ctx).known, hash: '0000000000000000000000000000000000000000' });
      const res = await submit(ctx, s);
      const out = expectRefused(res, ['XDSRepositoryMetadataError', 'XDSNonIdenticalHash'], ['XDS-010'], 'drr.hash-mismatch');
      const q = await getDocuments(ctx, [s.uniqueId]);
      if (q.response && q.response.objects.documentEntries.length > 0)
        out.push(
          finding(
            'drr.hash-mismatch.atomic',
            ['XDS-009'],
            q.exchange,
            'rim:RegistryObjectList/rim:ExtrinsicObject',
            "the refused submission's DocumentEntry was registered anyway",
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
