// Accept negotiation for DICOMweb retrieve (PS3.18 8.7): which media range of an Accept header
// a Part 10 multipart response or a DICOM JSON response can satisfy.
import { parseContentType } from '../multipart/index.ts';

export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
export const DICOM_JSON = 'application/dicom+json';

export interface MediaRange {
  mediaType: string;
  params: Record<string, string>;
  q: number;
}

/** Splits an Accept header into media ranges, highest q first (stable for equal q). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header || !header.trim()) return [{ mediaType: '*/*', params: {}, q: 1 }];
  const ranges: MediaRange[] = [];
  for (const item of splitOutsideQuotes(header, ',')) {
    const ct = parseContentType(item);
    if (!ct) continue;
    const q = ct.params.q === undefined ? 1 : Number(ct.params.q);
    const { q: _q, ...params } = ct.params;
    ranges.push({ mediaType: ct.mediaType, params, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

export interface Part10Choice {
  /** The transfer syntax to send: one of those offered. */
  transferSyntax: string;
}

/**
 * The transfer syntax to send a Part 10 multipart response in, given what the files are stored
 * as (`stored`, all the same for the resource), or undefined when nothing acceptable (406).
 * We never transcode: '*' or a match with the stored syntax is needed; an absent
 * transfer-syntax means Explicit VR Little Endian (PS3.18 8.7.3.5.2).
 */
export function negotiatePart10(accept: string | undefined, stored: string): Part10Choice | undefined {
  for (const r of parseAccept(accept)) {
    const fits =
      r.mediaType === '*/*' ||
      r.mediaType === 'multipart/*' ||
      (r.mediaType === 'multipart/related' && (r.params.type === undefined || r.params.type.toLowerCase() === 'application/dicom'));
    if (!fits) continue;
    const ts = r.params['transfer-syntax'];
    if (ts === '*' || ts === stored || (ts === undefined && stored === EXPLICIT_VR_LE)) return { transferSyntax: stored };
    if (ts === undefined && (r.mediaType === '*/*' || r.mediaType === 'multipart/*')) return { transferSyntax: stored };
  }
  return undefined;
}

/** True when DICOM JSON (metadata, QIDO-RS) is acceptable. */
export function acceptsDicomJson(accept: string | undefined): boolean {
  return parseAccept(accept).some((r) => ['*/*', 'application/*', DICOM_JSON, 'application/json'].includes(r.mediaType));
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}
