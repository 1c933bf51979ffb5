// A KOS manifest's formatCode is the KOS SOP Class UID in the DICOM UID registry scheme.
import { DE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { DICOM_UID_SCHEME, KOS_FORMAT, codedValues, isManifest } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const formatCode: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.format-code',
  reqIds: ['META-013'],
  severity: 'error',
  title: 'KOS manifest formatCode is 1.2.840.10008.5.1.4.1.1.88.59 (DCMUID)',
  check(view, ctx) {
    const hits: RuleHit[] = [];
    const reqIds = view.origin === 'fhir' ? ['META-053'] : ['META-013'];
    for (const de of view.objects.documentEntries.filter(isManifest)) {
      const [f] = codedValues(de, DE.formatCode);
      const schemeOk =
        f?.scheme !== undefined && (f.scheme === DICOM_UID_SCHEME || ctx.valueSets.contains('VS-FORMATCODE', KOS_FORMAT, f.scheme));
      if (!f || f.code !== KOS_FORMAT || !schemeOk) {
        hits.push({
          path: f?.path ?? pathFor(view, de, 'formatCode'),
          reqIds,
          message: `DocumentEntry ${de.id}: a KOS manifest's formatCode must be ${KOS_FORMAT} in scheme ${DICOM_UID_SCHEME}; found ${f ? `${f.code} (${f.scheme ?? 'no scheme'})` : 'none'}`,
        });
      }
    }
    return hits;
  },
};
