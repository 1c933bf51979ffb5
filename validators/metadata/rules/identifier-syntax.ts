// uniqueId and sourceId syntax (OIDs, ITI TF-3 4.2.3.2.26 / 4.2.3.3.12) and entryUUIDs.
import { DE, SS, externalIdOf } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { isOid, isUuidUrn } from '../entries.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const identifierSyntax: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.identifiers.syntax',
  reqIds: ['XDS-007'],
  severity: 'error',
  title: 'uniqueId, sourceId and entryUUID are well formed',
  check(view) {
    const hits: RuleHit[] = [];
    for (const de of view.objects.documentEntries) {
      const uid = externalIdOf(de, DE.uniqueId);
      // DocumentEntry.uniqueId is OID[^extension] of at most 128 characters.
      if (uid && !(uid.value.length <= 128 && isOid(uid.value.split('^')[0] ?? '') && (uid.value.split('^')[1] ?? 'x').length > 0))
        hits.push({
          path: uid.path,
          message: `DocumentEntry ${de.id}: uniqueId '${uid.value}' is not an OID (max 64) with optional ^extension`,
        });
    }
    for (const ss of view.objects.submissionSets) {
      for (const [name, scheme] of [
        ['uniqueId', SS.uniqueId],
        ['sourceId', SS.sourceId],
      ] as const) {
        const x = externalIdOf(ss, scheme);
        if (x && !isOid(x.value)) hits.push({ path: x.path, message: `SubmissionSet ${ss.id}: ${name} '${x.value}' is not an OID` });
      }
    }
    if (view.role === 'registry' && view.origin === 'ebrim') {
      const { documentEntries, submissionSets, folders, associations } = view.objects;
      for (const o of [...documentEntries, ...submissionSets, ...folders, ...associations]) {
        if (!isUuidUrn(o.id)) hits.push({ path: `${o.path}/@id`, message: `registry object id '${o.id}' is not a urn:uuid` });
      }
    }
    return hits;
  },
};
