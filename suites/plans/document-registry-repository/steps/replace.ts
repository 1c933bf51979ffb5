// RPLC: we register a document, then a replacement with an RPLC association to it; the
// registry must deprecate the original (GetDocuments shows its status).
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, getDocuments, patients, submit, uniqueIdOf } from '../calls.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';

export function replaceDeprecates(): StepDef {
  return defineStep({
    id: 'replace',
    title: 'A replacement (RPLC) deprecates the original entry',
    verifies: ['XDS-024'],
    async run(ctx) {
      const { known } = patients(ctx);
      const original = buildSubmission({ patientCx: known });
      const a = await submit(ctx, original);
      if (a.response?.status !== STATUS.success) return { state: 'skip', message: 'the original submission was not accepted' };
      const b = await submit(ctx, buildSubmission({ patientCx: known, replaces: original.entryId }));
      if (b.response?.status !== STATUS.success) {
        return ctx.fromFindings([
          finding(
            'drr.replace.accepted',
            ['XDS-024'],
            b.exchange,
            'RegistryResponse/@status',
            `the replacement was refused: ${b.response?.errors.map((e) => `${e.errorCode}: ${e.codeContext}`).join('; ') ?? b.error ?? ''}`,
          ),
        ]);
      }
      const q = await getDocuments(ctx, [original.uniqueId]);
      const entry = q.response?.objects.documentEntries.find((e) => uniqueIdOf(e) === original.uniqueId);
      if (entry?.status === STATUS.deprecated) return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'drr.replace.deprecated',
          ['XDS-024'],
          q.exchange,
          `rim:ExtrinsicObject[@id='${entry?.id ?? original.entryId}']/@status`,
          `the replaced entry's status is ${entry?.status ?? '(entry not returned)'}, not Deprecated`,
        ),
      ]);
    },
  });
}
