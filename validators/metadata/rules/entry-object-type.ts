// The ExtrinsicObject must be typed as a (stable) DocumentEntry.
import { DOC_ENTRY_ON_DEMAND, DOC_ENTRY_STABLE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';
import { isManifest } from '../entries.ts';

export const entryObjectType: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.entry.object-type',
  reqIds: ['XDS-013'],
  severity: 'error',
  title: 'ExtrinsicObject objectType is the stable DocumentEntry type',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      // An imaging manifest is a stable document; on-demand is allowed for other entries only.
      const ok = de.objectType === DOC_ENTRY_STABLE || (de.objectType === DOC_ENTRY_ON_DEMAND && !isManifest(de));
      if (!ok)
        hits.push({
          path: pathFor(view, de, 'objectType'),
          message: `DocumentEntry ${de.id}: objectType must be ${DOC_ENTRY_STABLE}; found ${de.objectType ?? 'none'}`,
        });
    }
    return hits;
  },
};
