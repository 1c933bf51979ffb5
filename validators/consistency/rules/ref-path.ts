import { fhirPathFor, xpathFor } from '../../../protocols/fhir/index.ts';
import type { RefId } from '../../metadata/entries.ts';
import type { ManifestEntryView } from '../view.ts';

export type Refs = RefId[];

/** Where referenceIdList is (or would be) for this entry. */
export function refPath(v: ManifestEntryView): string {
  return v.origin === 'fhir' ? fhirPathFor(v.entry.path, 'referenceIdList') : xpathFor(v.entry.path, 'referenceIdList');
}
