// referenceIdList of a manifest carries exactly one Study Instance UID (CXi type studyInstanceUID).
import { SLOT } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { REF_TYPE, isManifest, isOid, referenceIds } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const referenceStudy: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.reference-id.study',
  reqIds: ['META-007', 'META-041'],
  severity: 'error',
  title: 'referenceIdList has exactly one Study Instance UID',
  check(view) {
    const hits: RuleHit[] = [];
    const fhir = view.origin === 'fhir' ? ['META-051'] : [];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const studies = referenceIds(de).filter((r) => r.type === REF_TYPE.study);
      if (studies.length === 0)
        hits.push({
          path: pathFor(view, de, 'referenceIdList'),
          reqIds: ['META-007', ...fhir],
          message: `DocumentEntry ${de.id}: ${SLOT.referenceIdList} has no Study Instance UID (^^^^${REF_TYPE.study})`,
        });
      if (studies.length > 1)
        hits.push({
          path: studies[1]!.path,
          reqIds: ['META-041', ...fhir],
          message: `DocumentEntry ${de.id}: a manifest lists one Study Instance UID; found ${studies.length}`,
        });
      for (const s of studies)
        if (!isOid(s.id))
          hits.push({
            path: s.path,
            reqIds: ['META-007', ...fhir],
            message: `DocumentEntry ${de.id}: Study Instance UID '${s.id}' is not a valid UID`,
          });
    }
    return hits;
  },
};
