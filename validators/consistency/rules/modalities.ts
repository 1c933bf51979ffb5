// Every acquisition modality of the manifest's series appears among the eventCodeList modalities.
import { DE } from '../../../protocols/ebrim/index.ts';
import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { DCM_SCHEME, codedValues } from '../../metadata/entries.ts';
import type { ManifestEntryView } from '../view.ts';

const TECHNICAL = new Set(['KO', 'PR', 'SR', 'SEG', 'REG', 'DOC', 'PLAN', 'OT']);

export const kosModalities: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.modalities',
  reqIds: ['META-043'],
  severity: 'warning',
  title: 'eventCodeList lists every acquisition modality of the study',
  check({ facts, entry, origin }) {
    const listed = new Set(
      codedValues(entry, DE.eventCodeList)
        .filter((e) => e.scheme === DCM_SCHEME || e.scheme === 'http://dicom.nema.org/resources/ontology/DCM')
        .map((e) => e.code),
    );
    const path = origin === 'fhir' ? fhirPathFor(entry.path, 'eventCodeList') : xpathFor(entry.path, 'eventCodeList');
    const hits: RuleHit[] = [];
    for (const m of facts.modalities)
      if (!TECHNICAL.has(m) && !listed.has(m))
        hits.push({ path, message: `the study has ${m} series but eventCodeList has no ${m} modality code` });
    return hits;
  },
};
