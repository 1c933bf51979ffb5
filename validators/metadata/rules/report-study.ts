// An imaging report entry lists the Study Instance UID of each study it reports on.
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isManifest, referenceIds } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const reportStudy: Rule<MetadataView, MetadataCtx> = {
  id: 'link.report.study',
  reqIds: ['LINK-002'],
  severity: 'error',
  title: 'Report entries list the reported Study Instance UIDs',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries.filter((d) => !isManifest(d))) {
      if (!referenceIds(de).some((r) => r.type === REF_TYPE.study && r.id)) {
        hits.push({
          path: pathFor(view, de, 'referenceIdList'),
          message: `report DocumentEntry ${de.id}: referenceIdList has no Study Instance UID (^^^^${REF_TYPE.study})`,
        });
      }
    }
    return hits;
  },
};
