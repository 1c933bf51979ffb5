// Every DocumentEntry of a submission is a HasMember target of the SubmissionSet with
// SubmissionSetStatus Original (ITI TF-3 4.2.2.1.2).
import { ASSOC, slotValues, type Association } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const hasMember: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.association.has-member',
  reqIds: ['XDS-013'],
  severity: 'error',
  title: 'Each DocumentEntry is linked to the SubmissionSet by HasMember (Original)',
  check(view) {
    const ss = view.objects.submissionSets[0];
    if (view.role !== 'submission' || view.origin !== 'ebrim' || !ss) return [];
    const hits: RuleHit[] = [];
    const byTarget = new Map<string, Association>();
    for (const x of view.objects.associations)
      if (x.type === ASSOC.hasMember && x.source === ss.id && !byTarget.has(x.target)) byTarget.set(x.target, x);
    for (const de of view.objects.documentEntries) {
      const a = byTarget.get(de.id);
      if (!a) {
        hits.push({ path: view.objects.path, message: `DocumentEntry ${de.id} has no HasMember association from SubmissionSet ${ss.id}` });
        continue;
      }
      const status = slotValues(a, 'SubmissionSetStatus');
      if (status.length !== 1 || status[0] !== 'Original') {
        hits.push({
          path: `${a.path}/rim:Slot[@name='SubmissionSetStatus']`,
          message: `Association ${a.id}: SubmissionSetStatus must be 'Original'; found ${status.length ? status.join(',') : 'none'}`,
        });
      }
    }
    return hits;
  },
};
