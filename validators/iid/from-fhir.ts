// Viewer links of an MHD DocumentReference: content[].attachment.url or context.related[]
// .reference holding an IID URL. The studies covered are those of context.related
// (referenceIdList), which is also what LINK-011 checks the links against.
import type { DocumentReference } from 'fhir/r4.js';
import { toDocumentEntry } from '../../protocols/fhir/index.ts';
import { looksLikeIid } from './iid-url.ts';
import { referencedStudies } from './from-entry.ts';
import type { IidView, Located } from './view.ts';

export function iidViewOfDocumentReference(dr: DocumentReference): IidView {
  const links: Located[] = [];
  (dr.content ?? []).forEach((c, i) => {
    const url = c.attachment?.url;
    if (url && looksLikeIid(url)) links.push({ value: url, path: `DocumentReference.content[${i}].attachment.url` });
  });
  (dr.context?.related ?? []).forEach((r, i) => {
    if (r.reference && looksLikeIid(r.reference))
      links.push({ value: r.reference, path: `DocumentReference.context.related[${i}].reference` });
  });
  const refs = referencedStudies(toDocumentEntry(dr));
  return { links, studies: refs, references: refs, linkHome: 'DocumentReference.content' };
}
