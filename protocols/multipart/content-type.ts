// Content-Type headers as values: media type lower-cased, parameters by lower-cased name.
import { MIMEType } from 'node:util';

export interface ContentType {
  /** 'multipart/related', lower case. */
  mediaType: string;
  /** Parameter names lower case; values as sent, quotes removed. */
  params: Record<string, string>;
}

/** undefined when the header is missing or not a media type at all. */
export function parseContentType(header: string | undefined): ContentType | undefined {
  if (!header) return undefined;
  try {
    const mime = new MIMEType(header.trim());
    const params: Record<string, string> = {};
    for (const [k, v] of mime.params) params[k.toLowerCase()] = v;
    return { mediaType: mime.essence.toLowerCase(), params };
  } catch {
    return undefined;
  }
}

/** Quotes a parameter value when RFC 2045 token rules require it. */
export function formatParam(name: string, value: string): string {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value) ? `${name}=${value}` : `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
}

export function formatContentType(mediaType: string, params: Record<string, string | undefined> = {}): string {
  const rest = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => formatParam(k, v));
  return [mediaType, ...rest].join('; ');
}
