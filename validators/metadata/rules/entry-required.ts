// Required DocumentEntry attributes (ITI TF-3 Table 4.3.1-3, XDS-I.b source column).
import { DE, classificationsOf, externalIdOf, slotOf, slotValues } from '../../../protocols/ebrim/index.ts';
import type { XdsAttr } from '../../../protocols/fhir/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { pathFor, type MetadataCtx, type MetadataView } from '../view.ts';

const SLOTS = ['creationTime', 'languageCode', 'sourcePatientId'] as const;
const REGISTRY_SLOTS = ['hash', 'size', 'repositoryUniqueId'] as const;
const CODED: [XdsAttr, string][] = [
  ['classCode', DE.classCode],
  ['typeCode', DE.typeCode],
  ['formatCode', DE.formatCode],
  ['confidentialityCode', DE.confidentialityCode],
  ['healthcareFacilityTypeCode', DE.healthcareFacilityTypeCode],
  ['practiceSettingCode', DE.practiceSettingCode],
];

export const entryRequired: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.entry.required',
  reqIds: ['META-019', 'XDS-007'],
  severity: 'error',
  title: 'DocumentEntry carries every required attribute',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      const miss = (attr: XdsAttr, what: string = attr) =>
        hits.push({ path: pathFor(view, de, attr), message: `DocumentEntry ${de.id}: required ${what} is missing` });
      // Repository-filled attributes are only required once the registry holds the entry.
      for (const s of view.role === 'registry' ? [...SLOTS, ...REGISTRY_SLOTS] : SLOTS) if (!slotValues(de, s)[0]) miss(s);
      for (const [attr, scheme] of CODED) if (classificationsOf(de, scheme).length === 0) miss(attr);
      if (!externalIdOf(de, DE.patientId)?.value) miss('patientId');
      if (!externalIdOf(de, DE.uniqueId)?.value) miss('uniqueId');
      if (!de.name?.value) miss('title');
      if (!de.mimeType) miss('mimeType');
      const authors = classificationsOf(de, DE.author);
      if (!authors.some((a) => slotOf(a, 'authorInstitution')?.values.some((v) => v.trim() !== '')))
        miss('author', 'author with authorInstitution');
    }
    return hits;
  },
};
