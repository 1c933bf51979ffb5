// What MHD rules see: the parsed FHIR JSON (a Bundle or a single DocumentReference) and the
// FHIRPath of each DocumentReference in it.
import type { Bundle, DocumentReference } from 'fhir/r4.js';

export interface MhdView {
  /** The Bundle, when the input is one. */
  bundle?: Bundle;
  references: { resource: DocumentReference; path: string }[];
}

export function mhdView(json: unknown): MhdView {
  const r = json as { resourceType?: string };
  if (r?.resourceType === 'DocumentReference') return { references: [{ resource: json as DocumentReference, path: 'DocumentReference' }] };
  if (r?.resourceType === 'Bundle') {
    const bundle = json as Bundle;
    const references = (bundle.entry ?? []).flatMap((e, i) =>
      e.resource?.resourceType === 'DocumentReference'
        ? [{ resource: e.resource as DocumentReference, path: `Bundle.entry[${i}].resource` }]
        : [],
    );
    return { bundle, references };
  }
  return { references: [] };
}
