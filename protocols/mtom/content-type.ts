// MIME parameters of multipart/related (RFC 2387) and XOP (XOP 1.0 / MTOM, SOAP 1.2 binding).
import { MIMEType } from 'node:util';

export interface RelatedType {
  essence: string;
  params: Map<string, string>;
}

export function parseContentType(header: string | undefined): RelatedType | undefined {
  if (!header) return undefined;
  try {
    const m = new MIMEType(header);
    return { essence: m.essence, params: new Map(m.params.entries()) };
  } catch {
    return undefined;
  }
}

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
