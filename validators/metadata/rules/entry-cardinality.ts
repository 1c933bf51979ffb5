// Single-valued DocumentEntry attributes given more than once (ITI TF-3 4.2.3.2).
import { DE, classificationsOf } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

const SINGLE_SLOTS = new Set([
  'creationTime',
  'languageCode',
  'serviceStartTime',
  'serviceStopTime',
  'hash',
  'size',
  'sourcePatientId',
  'repositoryUniqueId',
  'legalAuthenticator',
]);
const SINGLE_CODED: [string, string][] = [
  ['classCode', DE.classCode],
  ['typeCode', DE.typeCode],
  ['formatCode', DE.formatCode],
  ['healthcareFacilityTypeCode', DE.healthcareFacilityTypeCode],
  ['practiceSettingCode', DE.practiceSettingCode],
];

export const entryCardinality: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.entry.cardinality',
  reqIds: ['XDS-007'],
  severity: 'error',
  title: 'Single-valued DocumentEntry attributes appear once',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      const seen = new Set<string>();
      for (const s of de.slots) {
        if (seen.has(s.name)) hits.push({ path: s.path, message: `DocumentEntry ${de.id}: slot ${s.name} appears more than once` });
        seen.add(s.name);
        if (SINGLE_SLOTS.has(s.name) && s.values.length > 1)
          hits.push({ path: s.path, message: `DocumentEntry ${de.id}: ${s.name} takes one value; found ${s.values.length}` });
      }
      for (const [name, scheme] of SINGLE_CODED) {
        const cs = classificationsOf(de, scheme);
        if (cs.length > 1) hits.push({ path: cs[1]!.path, message: `DocumentEntry ${de.id}: ${name} takes one code; found ${cs.length}` });
      }
    }
    return hits;
  },
};
