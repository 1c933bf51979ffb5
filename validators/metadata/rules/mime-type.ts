// A KOS manifest entry has mimeType application/dicom.
import { DE } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { KOS_FORMAT, codedValues } from '../entries.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

export const mimeType: Rule<MetadataView, MetadataCtx> = {
  id: 'xdsi.mime-type',
  reqIds: ['META-014'],
  severity: 'error',
  title: 'KOS manifest mimeType is application/dicom',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      // Manifests are recognised by formatCode here: the mime type is what is being checked.
      if (!codedValues(de, DE.formatCode).some((f) => f.code === KOS_FORMAT)) continue;
      if (de.mimeType !== 'application/dicom') {
        hits.push({
          path: pathFor(view, de, 'mimeType'),
          reqIds: view.origin === 'fhir' ? ['META-053'] : ['META-014'],
          message: `DocumentEntry ${de.id}: a KOS manifest's mimeType must be application/dicom; found ${de.mimeType ?? 'none'}`,
        });
      }
    }
    return hits;
  },
};
