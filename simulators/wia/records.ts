// From the sharing infrastructure to the facade's records: the registry's manifest entries and
// the KOS each points to, read with the KOS validator's reader. An entry whose manifest cannot
// be fetched or read is left out and said so, never guessed from metadata alone.
import { DE, externalIdOf, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { readKos } from '../../validators/kos/validate.ts';
import { isManifest } from '../../validators/metadata/entries.ts';
import type { WiaRecord } from './studies.ts';

export interface RecordsResult {
  records: WiaRecord[];
  skipped: { entryId: string; reason: string }[];
}

/** `content`: the repository's bytes for a document uniqueId (ITI-43 / RAD-69 or a local store). */
export async function wiaRecords(
  entries: readonly DocumentEntry[],
  content: (uniqueId: string) => Promise<Uint8Array | undefined>,
): Promise<RecordsResult> {
  const out: RecordsResult = { records: [], skipped: [] };
  for (const entry of entries) {
    if (!isManifest(entry)) continue; // reports and other documents carry no series
    const uid = externalIdOf(entry, DE.uniqueId)?.value;
    const bytes = uid ? await content(uid).catch(() => undefined) : undefined;
    if (!uid || !bytes) {
      out.skipped.push({ entryId: entry.id, reason: uid ? `manifest ${uid} could not be retrieved` : 'entry has no uniqueId' });
      continue;
    }
    const kos = readKos(bytes, uid);
    if (!kos.facts) out.skipped.push({ entryId: entry.id, reason: `manifest ${uid} is not a readable KOS` });
    else out.records.push({ entry, manifest: kos.facts });
  }
  return out;
}
