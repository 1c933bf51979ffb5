// Viewer links inside a report document itself (what an MHD Binary or an XDS document holds),
// for reports whose metadata cannot carry them (MHD constrains DocumentReference.content to the
// document). Text (plain, HTML, HL7 text) is searched for IID URLs; CDA is read by its linkHtml
// and reference elements (from-cda.ts). A PDF is not searched: its links need its text layer.
import { iidViewOfCda } from './from-cda.ts';
import { looksLikeIid } from './iid-url.ts';
import type { IidView, Located } from './view.ts';

const URL_IN_TEXT = /https?:\/\/[^\s<>"'|^~\\]+/g;

/** Located at `at` (e.g. 'Binary', 'report 1.2.3'); HTML entity '&amp;' read as '&'. */
export function iidLinksInDocument(bytes: Uint8Array, mimeType: string, at: string): Located[] {
  if (/xml/i.test(mimeType)) return iidViewOfCda(bytes).links;
  if (/pdf/i.test(mimeType)) return [];
  const text = Buffer.from(bytes).toString('utf8').replaceAll('&amp;', '&');
  return [...text.matchAll(URL_IN_TEXT)]
    .map((m) => m[0])
    .filter(looksLikeIid)
    .map((value) => ({ value, path: at }));
}

/** The report document's links against the studies of its metadata (referenceIdList). */
export function iidViewOfReportDocument(bytes: Uint8Array, mimeType: string, at: string, studies: Located[]): IidView {
  return { links: iidLinksInDocument(bytes, mimeType, at), studies, references: studies, linkHome: at };
}
