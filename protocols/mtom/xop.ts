// XOP include resolution (XOP 1.0 3.1): an element's content is either inline base64 or one
// xop:Include whose href names a MIME part.
import { normalizeCid } from './content-type.ts';
import type { MtomPart } from './parse.ts';

const XOP_NS = 'http://www.w3.org/2004/08/xop/include';

/** Structural view of an element, so this module stays independent of any XML tree type. */
export interface XopElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XopElement[];
  text: string;
}

export type XopContent = { ok: true; data: Buffer; cid?: string } | { ok: false; reason: string; cid?: string };

export function resolveXop(el: XopElement, parts: ReadonlyMap<string, MtomPart>): XopContent {
  const include = el.children.find((c) => c.ns === XOP_NS && c.name === 'Include');
  if (!include) {
    const text = el.text.replace(/\s+/g, '');
    if (text === '') return { ok: false, reason: 'neither inline base64 content nor an xop:Include' };
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return { ok: false, reason: 'inline content is not base64' };
    return { ok: true, data: Buffer.from(text, 'base64') };
  }
  const href = include.attrs.href;
  if (!href) return { ok: false, reason: 'xop:Include without href' };
  const cid = normalizeCid(href);
  const part = parts.get(cid);
  return part
    ? { ok: true, data: part.data, cid }
    : { ok: false, reason: `xop:Include names cid:${cid}, which is not in the message`, cid };
}
