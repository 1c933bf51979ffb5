// ITI-41: every xds:Document has an ExtrinsicObject of the same id and vice versa.
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const documentsMatch: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.documents.match',
  reqIds: ['XDS-002'],
  severity: 'error',
  title: 'Documents and DocumentEntries correspond one to one',
  check(view) {
    if (!view.documents) return [];
    const hits: RuleHit[] = [];
    const entryIds = new Set(view.objects.documentEntries.map((d) => d.id));
    const docIds = new Set<string>();
    for (const d of view.documents) {
      if (docIds.has(d.id)) hits.push({ path: d.path, message: `xds:Document id '${d.id}' appears twice` });
      docIds.add(d.id);
      if (!entryIds.has(d.id))
        hits.push({ path: d.path, message: `xds:Document '${d.id}' has no ExtrinsicObject (XDSMissingDocumentMetadata)` });
    }
    for (const de of view.objects.documentEntries) {
      if (!docIds.has(de.id)) hits.push({ path: de.path, message: `DocumentEntry ${de.id} has no xds:Document (XDSMissingDocument)` });
    }
    return hits;
  },
};
