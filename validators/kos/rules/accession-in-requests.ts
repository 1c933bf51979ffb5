import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

export const accessionInRequests: Rule<KosView> = {
  id: 'kos.study.accession-in-requests',
  reqIds: ['KOS-037'],
  severity: 'error',
  title: 'A valued top-level Accession Number is one of the request accessions',
  check(v) {
    const acc = v.d.str(v.root, 0x00080050);
    if (acc === undefined) return [];
    const listed = v.d.items(v.root, 0x0040a370).map((r) => v.d.str(r, 0x00080050));
    return listed.includes(acc) ? [] : [{ path: '(0008,0050)', message: `AccessionNumber '${acc}' is not among the ReferencedRequestSequence accessions (${listed.filter(Boolean).join(', ') || 'none'})` }];
  },
};
