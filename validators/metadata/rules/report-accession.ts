// An imaging report entry lists the accession numbers it fulfils, each with its issuer;
// order numbers, when given, carry their issuer too.
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isManifest, referenceIds } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const reportAccession: Rule<MetadataView, MetadataCtx> = {
  id: 'link.report.accession',
  reqIds: ['LINK-003', 'LINK-004', 'LINK-008'],
  severity: 'error',
  title: 'Report entries list accession (and order) numbers with issuers',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries.filter((d) => !isManifest(d))) {
      const refs = referenceIds(de);
      const acc = refs.filter((r) => r.type === REF_TYPE.accession);
      if (acc.length === 0)
        hits.push({
          path: pathFor(view, de, 'referenceIdList'),
          reqIds: ['LINK-003'],
          message: `report DocumentEntry ${de.id}: referenceIdList has no accession number`,
        });
      for (const r of refs.filter((x) => x.type === REF_TYPE.accession || x.type === REF_TYPE.order)) {
        if (!r.authorityOid)
          hits.push({
            path: r.path,
            reqIds: [r.type === REF_TYPE.order ? 'LINK-004' : 'LINK-003', 'LINK-008'],
            message: `report DocumentEntry ${de.id}: '${r.id}' has no issuer OID`,
          });
      }
    }
    return hits;
  },
};
