// The manifest DocumentEntry uniqueId is the KOS SOP Instance UID.
import { DE, externalIdOf } from '../../../protocols/ebrim/index.ts';
import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import type { Rule } from '../../rule.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosUniqueId: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.unique-id',
  reqIds: ['META-020'],
  severity: 'error',
  title: 'uniqueId equals the KOS SOP Instance UID',
  check({ facts, entry, origin }) {
    const uid = externalIdOf(entry, DE.uniqueId);
    if (uid?.value === facts.sopInstanceUid) return [];
    const path = uid?.path ?? (origin === 'fhir' ? fhirPathFor(entry.path, 'uniqueId') : xpathFor(entry.path, 'uniqueId'));
    return [
      {
        path,
        reqIds: origin === 'fhir' ? ['META-020', 'META-052'] : ['META-020'],
        message: `uniqueId ${uid ? `'${uid.value}'` : 'missing'}; the manifest's SOP Instance UID (0008,0018) is ${facts.sopInstanceUid}`,
      },
    ];
  },
};
