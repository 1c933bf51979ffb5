// An XDS DocumentEntry and its MHD DocumentReference say the same thing, attribute by
// attribute along XDS_MHD_MAP. Findings point at the DocumentReference (FHIRPath).
import { classificationsOf, codingSchemeOf, externalIdOf, slotOf } from '../../../protocols/ebrim/index.ts';
import { XDS_MHD_MAP, fhirPathFor } from '../../../protocols/fhir/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { EntryReferenceView } from '../view.ts';

export const entryMatchesReference: Rule<EntryReferenceView, unknown> = {
  id: 'consistency.entry-reference',
  reqIds: ['META-054', 'META-050', 'META-051', 'META-052', 'META-053'],
  severity: 'error',
  title: 'DocumentEntry and DocumentReference agree on every mapped attribute',
  check({ entry: de, reference: dr }) {
    const hits: RuleHit[] = [];
    for (const row of XDS_MHD_MAP) {
      const x = row.xds;
      let a: string[] = [];
      let b: string[] = [];
      if (x.kind === 'classification') {
        if (row.attr === 'author') continue;
        const codes = (o: typeof de) =>
          classificationsOf(o, x.scheme)
            .map((c) => `${c.nodeRepresentation ?? ''}^${codingSchemeOf(c) ?? ''}`)
            .sort();
        a = codes(de);
        b = codes(dr);
      } else if (x.kind === 'slot') {
        if (x.name === 'repositoryUniqueId' || x.name === 'sourcePatientId') continue;
        a = [...(slotOf(de, x.name)?.values ?? [])].sort();
        b = [...(slotOf(dr, x.name)?.values ?? [])].sort();
      } else if (x.kind === 'externalIdentifier') {
        a = [externalIdOf(de, x.scheme)?.value ?? ''];
        b = [externalIdOf(dr, x.scheme)?.value ?? ''];
      } else if (x.kind === 'name') {
        a = [de.name?.value ?? ''];
        b = [dr.name?.value ?? ''];
      } else if (x.kind === 'attribute' && x.name === 'mimeType') {
        a = [de.mimeType ?? ''];
        b = [dr.mimeType ?? ''];
      } else continue;
      if (a.join('|') !== b.join('|')) {
        hits.push({
          path: fhirPathFor(dr.path, row.attr),
          message: `${row.attr}: DocumentEntry has [${a.join(', ')}], DocumentReference ${row.fhir} has [${b.join(', ')}]`,
        });
      }
    }
    return hits;
  },
};
