import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';
import { Tag, TagKey } from '../../../protocols/dicom/tags.generated.ts';

export const accessionInRequests: Rule<KosView> = {
  id: 'kos.study.accession-in-requests',
  reqIds: ['KOS-037'],
  severity: 'error',
  title: 'A valued top-level Accession Number is one of the request accessions',
  check(v) {
    const acc = v.d.str(v.root, Tag.AccessionNumber);
    if (acc === undefined) return [];
    const listed = v.d.items(v.root, Tag.ReferencedRequestSequence).map((r) => v.d.str(r, Tag.AccessionNumber));
    return listed.includes(acc)
      ? []
      : [
          {
            path: TagKey.AccessionNumber,
            message: `AccessionNumber '${acc}' is not among the ReferencedRequestSequence accessions (${listed.filter(Boolean).join(', ') || 'none'})`,
          },
        ];
  },
};
