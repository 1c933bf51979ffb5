// eventCodeList of a manifest carries a coarse anatomic region (SNOMED CT) from the
// deployment's region value set (MCWG level 1 filter).
import { DE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { codedValues, isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const eventRegion: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.event.region',
  reqIds: ['META-002', 'META-006'],
  severity: 'error',
  title: 'eventCodeList has an anatomic region from VS-ANATOMIC-REGION (SNOMED CT)',
  check(view, { valueSets: vs }) {
    const hits: RuleHit[] = [];
    const fhir = view.origin === 'fhir' ? ['META-050'] : [];
    const sct = vs.schemes['SCT'];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const regions = codedValues(de, DE.eventCodeList).filter(
        (e) => e.scheme !== undefined && (e.scheme === sct?.oid || e.scheme === sct?.uri || e.scheme === 'SCT'),
      );
      for (const r of regions) {
        // A SNOMED procedure code also lands here, hence a warning rather than an error.
        if (!vs.contains('VS-ANATOMIC-REGION', r.code))
          hits.push({
            path: r.path,
            severity: 'warning',
            reqIds: ['META-006', ...fhir],
            message: `DocumentEntry ${de.id}: SNOMED CT code ${r.code} is not in the anatomic region value set`,
          });
      }
      if (!regions.some((r) => vs.contains('VS-ANATOMIC-REGION', r.code))) {
        hits.push({
          path: pathFor(view, de, 'eventCodeList'),
          reqIds: ['META-002', ...fhir],
          message: `DocumentEntry ${de.id}: eventCodeList has no anatomic region from VS-ANATOMIC-REGION`,
        });
      }
    }
    return hits;
  },
};
