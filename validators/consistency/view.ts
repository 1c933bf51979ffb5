// Views for cross-artefact consistency: a KOS (as ManifestFacts) against its DocumentEntry,
// a DocumentEntry against its MHD DocumentReference (mapped to an entry with FHIRPaths),
// a report entry against the manifest entry of the same study.
import type { DocumentEntry } from '../../protocols/ebrim/index.ts';
import type { ManifestFacts } from '../manifest-facts.ts';
import type { MetadataOrigin } from '../metadata/view.ts';

export interface ManifestEntryView {
  facts: ManifestFacts;
  entry: DocumentEntry;
  origin: MetadataOrigin;
}

export interface EntryReferenceView {
  entry: DocumentEntry;
  /** The DocumentReference mapped back with toDocumentEntry(): paths are FHIRPaths. */
  reference: DocumentEntry;
}

export interface ReportManifestView {
  report: DocumentEntry;
  manifest: DocumentEntry;
}
