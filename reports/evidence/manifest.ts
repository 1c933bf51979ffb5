// The evidence manifest: one entry per stored object, named by the SHA-256 of its bytes.
// It is written in one canonical form so that any change to its own bytes shows up too:
// `verify` re-serialises it and compares byte for byte.
import { createHash } from 'node:crypto';

export const MANIFEST_FILE = 'manifest.json';
export const OBJECTS_DIR = 'objects';

export type EntryKind = 'run' | 'exchange' | 'body' | 'findings' | 'policy' | 'attachment';

export interface ManifestEntry {
  kind: EntryKind;
  /** Exchange id, 'exchange-id/request', 'test-id/step-id', or an attachment name. */
  id: string;
  sha256: string;
  size: number;
  contentType?: string;
}

export interface Manifest {
  format: 'mcwg-evidence';
  version: 1;
  algorithm: 'sha256';
  entries: ManifestEntry[];
  /** SHA-256 of the canonical JSON of `entries`. */
  digest: string;
}

export function objectPath(sha256: string): string {
  return `${OBJECTS_DIR}/${sha256.slice(0, 2)}/${sha256}`;
}

export function sortEntries(entries: readonly ManifestEntry[]): ManifestEntry[] {
  const key = (e: ManifestEntry) => `${e.kind}\u0000${e.id}\u0000${e.sha256}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function entriesDigest(entries: readonly ManifestEntry[]): string {
  return createHash('sha256')
    .update(JSON.stringify(entries.map(canonicalEntry)))
    .digest('hex');
}

function canonicalEntry(e: ManifestEntry): ManifestEntry {
  return { kind: e.kind, id: e.id, sha256: e.sha256, size: e.size, ...(e.contentType === undefined ? {} : { contentType: e.contentType }) };
}

export function renderManifest(entries: readonly ManifestEntry[]): string {
  const sorted = sortEntries(entries).map(canonicalEntry);
  const manifest: Manifest = { format: 'mcwg-evidence', version: 1, algorithm: 'sha256', entries: sorted, digest: entriesDigest(sorted) };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}
