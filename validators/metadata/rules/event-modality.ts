// eventCodeList of a manifest carries acquisition modalities from CID 29 in scheme DCM
// (MCWG level 1 filter); technical modalities (KO, PR, SR) are not study modalities.
import { DE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { codedValues, isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const eventModality: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.event.modality',
  reqIds: ['META-001', 'META-005', 'META-006'],
  severity: 'error',
  title: 'eventCodeList has acquisition modalities from VS-MODALITY (DCM)',
  check(view, { valueSets: vs }) {
    const hits: RuleHit[] = [];
    const fhir = view.origin === 'fhir' ? ['META-050'] : [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const events = codedValues(de, DE.eventCodeList);
      const dcm = events.filter(
        (e) =>
          e.scheme !== undefined &&
          vs.schemes['DCM'] &&
          (e.scheme === vs.schemes['DCM'].oid || e.scheme === vs.schemes['DCM'].uri || e.scheme === 'DCM'),
      );
      for (const e of dcm) {
        if (vs.contains('VS-MODALITY', e.code)) continue;
        if (vs.contains('VS-MODALITY-TECHNICAL', e.code))
          hits.push({
            path: e.path,
            severity: 'warning',
            reqIds: ['META-005', ...fhir],
            message: `DocumentEntry ${de.id}: ${e.code} is a technical modality, not an acquisition modality of the study`,
          });
        else
          hits.push({
            path: e.path,
            reqIds: ['META-006', ...fhir],
            message: `DocumentEntry ${de.id}: modality ${e.code} is not in VS-MODALITY`,
          });
      }
      if (!dcm.some((e) => vs.contains('VS-MODALITY', e.code))) {
        hits.push({
          path: pathFor(view, de, 'eventCodeList'),
          reqIds: ['META-001', ...fhir],
          message: `DocumentEntry ${de.id}: eventCodeList has no acquisition modality code (DCM, CID 29)`,
        });
      }
    }
    return hits;
  },
};
