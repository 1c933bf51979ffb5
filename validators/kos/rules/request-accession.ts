import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';
import { Tag } from '../../../protocols/dicom/tags.generated.ts';

export const requestAccession: Rule<KosView> = {
  id: 'kos.request.accession',
  reqIds: ['KOS-040'],
  severity: 'error',
  title: 'Each request item has an Accession Number with its issuer OID (ISO)',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, Tag.ReferencedRequestSequence)) {
      if (v.d.str(item, Tag.AccessionNumber) === undefined)
        hits.push({ path: at(item, Tag.AccessionNumber), message: 'AccessionNumber is absent or empty in a Referenced Request item' });
      const p = issuerProblem(v, item, Tag.IssuerOfAccessionNumberSequence, 'IssuerOfAccessionNumberSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
