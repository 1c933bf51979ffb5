import type { Rule, RuleHit } from '../../rule.ts';
import { at, issuerProblem, type KosView } from '../view.ts';

export const requestAccession: Rule<KosView> = {
  id: 'kos.request.accession',
  reqIds: ['KOS-040'],
  severity: 'error',
  title: 'Each request item has an Accession Number with its issuer OID (ISO)',
  check(v) {
    const hits: RuleHit[] = [];
    for (const item of v.d.items(v.root, 0x0040a370)) {
      if (v.d.str(item, 0x00080050) === undefined) hits.push({ path: at(item, 0x00080050), message: 'AccessionNumber is absent or empty in a Referenced Request item' });
      const p = issuerProblem(v, item, 0x00080051, 'IssuerOfAccessionNumberSequence');
      if (p) hits.push(p);
    }
    return hits;
  },
};
