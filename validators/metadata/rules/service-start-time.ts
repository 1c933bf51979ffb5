// serviceStartTime is present on manifests so date-range filtering finds them.
import { slotValues } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const serviceStartTime: Rule<MetadataView, MetadataCtx> = {
  id: 'mcwg.service-start-time',
  reqIds: ['META-018'],
  severity: 'error',
  title: 'Manifest serviceStartTime is present',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      if (!slotValues(de, 'serviceStartTime')[0])
        hits.push({
          path: pathFor(view, de, 'serviceStartTime'),
          reqIds: view.origin === 'fhir' ? ['META-018', 'META-054'] : ['META-018'],
          message: `DocumentEntry ${de.id}: serviceStartTime (the study date and time, UTC) is missing`,
        });
    }
    return hits;
  },
};
