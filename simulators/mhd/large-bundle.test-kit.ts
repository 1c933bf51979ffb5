// A large ITI-65 Bundle that a recipient accepts: the conformant Bundle's one DocumentReference
// and its Binary copied `documents` times, each copy with its own fullUrls, entryUUID and
// document uniqueId, all listed by the one SubmissionSet. Tests and the load bench use it to
// measure the stall of real work, not of a refusal. The base Bundle comes in as a parameter so
// this module stays inside the simulators layer.
import type { Binary, Bundle, BundleEntry, DocumentReference, List } from 'fhir/r4.js';

/** Entries of a Bundle carrying `documents` documents: the List, the Patient and a DocumentReference + Binary per document. */
export const entriesFor = (documents: number): number => 2 + 2 * documents;

/** The largest document count whose Bundle has at most `entries` entries. */
export const documentsFor = (entries: number): number => Math.floor((entries - 2) / 2);

export function largeProvideBundle(base: Bundle, documents: number): Bundle {
  const entries = base.entry as BundleEntry[];
  const listEntry = entries.find((e) => e.resource?.resourceType === 'List')!;
  const docEntry = entries.find((e) => e.resource?.resourceType === 'DocumentReference')!;
  const binEntry = entries.find((e) => e.resource?.resourceType === 'Binary')!;
  const others = entries.filter((e) => e !== listEntry && e !== docEntry && e !== binEntry);
  const doc = docEntry.resource as DocumentReference;
  const uid = doc.masterIdentifier!.value!;
  const docs: BundleEntry[] = [];
  const bins: BundleEntry[] = [];
  for (let i = 0; i < documents; i++) {
    const n = String(i + 1).padStart(12, '0');
    const docUrl = `urn:uuid:00000000-0000-4000-a000-${n}`;
    const binUrl = `urn:uuid:00000000-0000-4000-b000-${n}`;
    const copy: DocumentReference = {
      ...doc,
      masterIdentifier: { ...doc.masterIdentifier, value: `${uid}.${i + 1}` },
      identifier: [{ system: 'urn:ietf:rfc:3986', value: docUrl }],
      content: [{ ...doc.content[0]!, attachment: { ...doc.content[0]!.attachment, url: binUrl } }],
    };
    docs.push({ ...docEntry, fullUrl: docUrl, resource: copy });
    bins.push({ ...binEntry, fullUrl: binUrl, resource: { ...(binEntry.resource as Binary) } });
  }
  const list: List = { ...(listEntry.resource as List), entry: docs.map((d) => ({ item: { reference: d.fullUrl! } })) };
  return { ...base, entry: [{ ...listEntry, resource: list }, ...docs, ...bins, ...others] };
}
