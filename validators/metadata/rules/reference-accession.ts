// referenceIdList of a manifest carries each accession number with its issuer OID.
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isManifest, referenceIds } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const referenceAccession: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.reference-id.accession',
  reqIds: ['META-008', 'LINK-008'],
  severity: 'error',
  title: 'referenceIdList has the accession number with its issuer',
  check(view) {
    const hits: RuleHit[] = [];
    const fhir = view.origin === 'fhir' ? ['META-051'] : [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const acc = referenceIds(de).filter((r) => r.type === REF_TYPE.accession);
      if (acc.length === 0)
        hits.push({
          path: pathFor(view, de, 'referenceIdList'),
          reqIds: ['META-008', ...fhir],
          message: `DocumentEntry ${de.id}: referenceIdList has no accession number (${REF_TYPE.accession})`,
        });
      for (const a of acc)
        if (!a.authorityOid)
          hits.push({
            path: a.path,
            reqIds: ['LINK-008', ...fhir],
            message: `DocumentEntry ${de.id}: accession '${a.id}' has no issuer OID (CX.4 &OID&ISO)`,
          });
    }
    return hits;
  },
};
