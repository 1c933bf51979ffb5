// Every referenceIdList value is a well-formed CXi (ITI TF-3 4.2.3.1.7).
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isOid, referenceIds } from '../entries.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

const ISSUED = new Set<string>([REF_TYPE.accession, REF_TYPE.order]);

export const referenceSyntax: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.reference-id.syntax',
  reqIds: ['META-010'],
  severity: 'error',
  title: 'referenceIdList values are well-formed CXi',
  check(view, { valueSets: vs }) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      for (const r of referenceIds(de)) {
        const bad = (why: string) =>
          hits.push({ path: r.path, message: `DocumentEntry ${de.id}: referenceIdList value '${r.value}': ${why}` });
        if (!r.id) bad('CXi.1 (the ID) is empty');
        else if (!vs.contains('VS-REFERENCE-ID-TYPE', r.type)) bad(`CXi.5 '${r.type}' is not a known identifier type`);
        else if (r.assigningAuthority && !(r.assigningAuthority.startsWith('&') && isOid(r.authorityOid) && r.authorityType === 'ISO'))
          bad(`CXi.4 '${r.assigningAuthority}' is not &OID&ISO`);
        else if (ISSUED.has(r.type) && !r.assigningAuthority)
          bad('CXi.4 (assigning authority) is required for accession and order numbers');
      }
    }
    return hits;
  },
};
