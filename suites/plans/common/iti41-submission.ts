// The ITI-41 submissions we send as Document Source: the conformant fixture submission with
// fresh uniqueIds and entry UUIDs per use (a real registry keeps every earlier run), our own
// document bytes, and hooks for the one change each negative test makes.
import { createHash, randomUUID } from 'node:crypto';
import { ASSOC, DE, SS, type DocumentEntry, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { conformantSubmission } from '../../../fixtures/builders/ebrim-submission.ts';
import { slot } from '../../../fixtures/builders/ebrim-objects.ts';

/** A UID under 2.25 (UUID-derived): unique across runs without a registered root. */
export const freshUid = (): string => `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`).toString()}`;
export const freshEntryId = (): string => `urn:uuid:${randomUUID()}`;

export interface SubmissionSpec {
  patientCx: string;
  uniqueId?: string;
  entryId?: string;
  bytes?: Uint8Array;
  /** Overrides the hash slot (default: SHA-1 of the bytes). */
  hash?: string;
  /** Replaces this entryUUID with an RPLC association. */
  replaces?: string;
  /** Drops the DocumentEntry's mimeType (a required attribute). */
  noMimeType?: boolean;
}

export interface BuiltSubmission {
  request: SubmitObjectsRequest;
  uniqueId: string;
  entryId: string;
  bytes: Uint8Array;
  sha1: string;
  patientCx: string;
}

export function buildSubmission(s: SubmissionSpec): BuiltSubmission {
  const req = conformantSubmission();
  const uniqueId = s.uniqueId ?? freshUid();
  const entryId = s.entryId ?? freshEntryId();
  const bytes = s.bytes ?? new Uint8Array(Buffer.from(`mcwg registry test document ${uniqueId}`));
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const ss = req.objects.submissionSets[0]!;
  const de = req.objects.documentEntries[0]!;
  const oldId = de.id;
  const entry: DocumentEntry = {
    ...de,
    id: entryId,
    slots: de.slots.map((x) =>
      x.name === 'hash' ? slot('hash', s.hash ?? sha1) : x.name === 'size' ? slot('size', String(bytes.byteLength)) : x,
    ),
    classifications: de.classifications.map((c) => ({ ...c, classifiedObject: entryId })),
    externalIdentifiers: de.externalIdentifiers.map((x) => ({
      ...x,
      registryObject: entryId,
      value: x.scheme === DE.patientId ? s.patientCx : x.scheme === DE.uniqueId ? uniqueId : x.value,
    })),
  };
  if (s.noMimeType) delete entry.mimeType;
  ss.externalIdentifiers = ss.externalIdentifiers.map((x) =>
    x.scheme === SS.patientId ? { ...x, value: s.patientCx } : x.scheme === SS.uniqueId ? { ...x, value: freshUid() } : x,
  );
  req.objects.documentEntries = [entry];
  req.objects.associations = req.objects.associations.map((a) => (a.target === oldId ? { ...a, target: entryId } : a));
  if (s.replaces)
    req.objects.associations.push({
      kind: 'Association',
      id: `urn:uuid:${randomUUID()}`,
      type: ASSOC.rplc,
      source: entryId,
      target: s.replaces,
      slots: [],
      path: '',
    });
  req.documents = [{ id: entryId, content: bytes, path: '' }];
  return { request: req, uniqueId, entryId, bytes, sha1, patientCx: s.patientCx };
}
