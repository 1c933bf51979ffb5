// Content-ID references (RFC 2392). Content-Type parsing lives in protocols/multipart.
import { parseContentType as parseMediaType } from '../multipart/index.ts';

/** 'cid:a%40b' and '<a@b>' both name the part whose Content-ID is a@b (RFC 2392). */
export function normalizeCid(ref: string): string {
  let s = ref.trim();
  if (s.toLowerCase().startsWith('cid:')) {
    s = s.slice(4);
    try {
      s = decodeURIComponent(s);
    } catch {
      // keep as written: a bad escape then simply matches no part
    }
  }
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  return s;
}

/** @deprecated shape kept for callers written against the old MTOM parser; use ContentType from protocols/multipart. */
export interface RelatedType {
  essence: string;
  params: Map<string, string>;
}

/** @deprecated thin view over protocols/multipart parseContentType (the one parser); kept so existing importers keep working. */
export function parseContentType(header: string | undefined): RelatedType | undefined {
  const ct = parseMediaType(header);
  return ct && { essence: ct.mediaType, params: new Map(Object.entries(ct.params)) };
}
