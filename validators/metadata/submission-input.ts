// Recognises what a submission file holds, by content: an ITI-65 Bundle (JSON), an MTOM
// multipart/related message (a MIME boundary, with or without its header block), or XML
// (SOAP envelope or bare ProvideAndRegister / SubmitObjectsRequest).
export type SubmissionInput =
  | { kind: 'json' }
  | { kind: 'mtom'; contentType: string /** Byte offset where the multipart body starts. */; bodyStart: number }
  | { kind: 'xml' };

/** `head`: the first bytes of the file (4 KiB are enough). */
export function detectSubmission(head0: Uint8Array): SubmissionInput {
  const head = Buffer.from(head0.subarray(0, 4096)).toString('latin1');
  const lead = head.replace(/^\uFEFF?\s*/, '');
  if (lead.startsWith('{')) return { kind: 'json' };
  if (lead.startsWith('--')) {
    // A body captured without headers: the first line is the boundary delimiter.
    const boundary = lead.slice(2, lead.search(/\r?\n/)).trim();
    return {
      kind: 'mtom',
      contentType: `multipart/related; boundary="${boundary}"; type="application/xop+xml"`,
      bodyStart: head.indexOf('--'),
    };
  }
  const headerEnd = head.search(/\r?\n\r?\n/);
  const ct = /^content-type:\s*(multipart\/related[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(head.slice(0, headerEnd < 0 ? 0 : headerEnd));
  if (ct && headerEnd >= 0) {
    const sep = /\r?\n\r?\n/.exec(head.slice(headerEnd))![0].length;
    return { kind: 'mtom', contentType: ct[1]!.replace(/\r?\n[ \t]+/g, ' '), bodyStart: headerEnd + sep };
  }
  return { kind: 'xml' };
}
