// Order placer numbers in referenceIdList carry their issuer. Whether an order exists at all
// is not visible in the metadata, so a missing order entry is only noted.
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isManifest, referenceIds } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const referenceOrder: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.reference-id.order',
  reqIds: ['META-009', 'LINK-008'],
  severity: 'error',
  title: 'referenceIdList order numbers carry their issuer',
  check(view) {
    const hits: RuleHit[] = [];
    const fhir = view.origin === 'fhir' ? ['META-051'] : [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const orders = referenceIds(de).filter((r) => r.type === REF_TYPE.order);
      if (orders.length === 0)
        hits.push({
          path: pathFor(view, de, 'referenceIdList'),
          severity: 'info',
          reqIds: ['META-009', ...fhir],
          message: `DocumentEntry ${de.id}: referenceIdList has no order number (${REF_TYPE.order}); required when an order is known`,
        });
      for (const o of orders)
        if (!o.authorityOid)
          hits.push({
            path: o.path,
            reqIds: ['LINK-008', ...fhir],
            message: `DocumentEntry ${de.id}: order '${o.id}' has no issuer OID (CX.4 &OID&ISO)`,
          });
    }
    return hits;
  },
};
