// hash (SHA-1, hex) and size, when present, are well formed and match the submitted bytes.
import { createHash } from 'node:crypto';
import { slotOf, valuePath } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const hashSize: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.hash-size',
  reqIds: ['META-046', 'XDS-010'],
  severity: 'error',
  title: 'hash and size are well formed and match the document bytes',
  check(view) {
    const hits: RuleHit[] = [];
    const docs = new Map((view.documents ?? []).filter((d) => d.content).map((d) => [d.id, d]));
    for (const de of view.objects.documentEntries) {
      const hash = slotOf(de, 'hash');
      const size = slotOf(de, 'size');
      const hv = hash?.values[0];
      const sv = size?.values[0];
      if (hash && hv !== undefined && !/^[0-9a-fA-F]{40}$/.test(hv))
        hits.push({ path: valuePath(hash, 0), message: `DocumentEntry ${de.id}: hash '${hv}' is not 40 hex digits (SHA-1)` });
      if (size && sv !== undefined && !/^\d+$/.test(sv))
        hits.push({ path: valuePath(size, 0), message: `DocumentEntry ${de.id}: size '${sv}' is not a non-negative integer` });
      const doc = docs.get(de.id);
      if (!doc?.content) continue;
      const actual = createHash('sha1').update(doc.content).digest('hex');
      if (hash && hv !== undefined && /^[0-9a-fA-F]{40}$/.test(hv) && hv.toLowerCase() !== actual)
        hits.push({
          path: valuePath(hash, 0),
          message: `DocumentEntry ${de.id}: hash ${hv} does not match the document bytes (SHA-1 ${actual})`,
        });
      if (size && sv !== undefined && /^\d+$/.test(sv) && Number(sv) !== doc.content.byteLength)
        hits.push({
          path: valuePath(size, 0),
          message: `DocumentEntry ${de.id}: size ${sv} does not match the document (${doc.content.byteLength} bytes)`,
        });
    }
    return hits;
  },
};
