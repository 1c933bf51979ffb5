// What metadata rules see: registry objects (read from ebRIM, or mapped from MHD with
// FHIRPath locations), the documents submitted with them, and where missing attributes live.
import type { AttachedDocument, DocumentEntry, RegistryObject, RegistryObjectList } from '../../protocols/ebrim/index.ts';
import { fhirPathFor, xpathFor, type XdsAttr } from '../../protocols/fhir/index.ts';
import type { ValueSets } from '../catalogue/value-sets.ts';

export type MetadataOrigin = 'ebrim' | 'fhir';
/** 'submission': from a source (ITI-41/RAD-68/ITI-65); 'registry': stored or returned by a registry (ITI-42/ITI-18). */
export type MetadataRole = 'submission' | 'registry';

export interface MetadataView {
  origin: MetadataOrigin;
  role: MetadataRole;
  objects: RegistryObjectList;
  /** Documents submitted with the metadata, content resolved when available. */
  documents?: AttachedDocument[];
}

export interface MetadataCtx {
  valueSets: ValueSets;
}

/** Where an attribute of an object is (or would be): XPath for ebRIM, FHIRPath for MHD. */
export function pathFor(view: MetadataView, o: RegistryObject, attr: XdsAttr): string {
  return view.origin === 'fhir' ? fhirPathFor(o.path, attr) : xpathFor(o.path, attr);
}

export function viewOf(
  objects: RegistryObjectList,
  opts: { origin?: MetadataOrigin; role?: MetadataRole; documents?: AttachedDocument[] } = {},
): MetadataView {
  return {
    origin: opts.origin ?? 'ebrim',
    role: opts.role ?? 'submission',
    objects,
    ...(opts.documents ? { documents: opts.documents } : {}),
  };
}

export type Entry = DocumentEntry;
