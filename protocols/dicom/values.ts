// Typed access to element values of a parsed Part 10 file.
import type { DataSet, Element, Part10 } from './data-set.ts';

const TEXT_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);
const SINGLE_VALUED_TEXT = new Set(['LT', 'ST', 'UT', 'UR']);

export function rawBytes(f: Part10, el: Element): Uint8Array {
  return f.bytes.subarray(el.valueOffset, el.valueOffset + Math.min(el.length, f.bytes.length - el.valueOffset));
}

/** The value as one string, trailing padding removed (leading spaces too, except for text VRs). */
export function rawString(f: Part10, el: Element): string {
  const b = f.bytes;
  let start = el.valueOffset;
  let end = Math.min(el.valueOffset + el.length, b.length);
  // Trim on the bytes: most values are short ASCII (UIDs, codes), and this avoids a second string.
  while (end > start && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  if (TEXT_VRS.has(el.vr)) {
    const s = f.decoder.decode(b.subarray(start, end));
    return s;
  }
  while (start < end && b[start] === 0x20) start++;
  // ASCII-only VRs: latin1 keeps every byte visible so the rules can report bad ones.
  // Values repeat from one item to the next (SOP Class UIDs, 'CONTAINS', 'IMAGE'): the last
  // value of the tag is reused when the bytes are the same, so equal values are one string
  // (hashed once, compared by identity) and no new string is made.
  const last = lastValue.get(el.tag);
  if (last !== undefined && last.length === end - start && sameLatin1(b, start, last)) return last;
  const s = latin1(b, start, end);
  if (lastValue.size >= 4096) lastValue.clear();
  lastValue.set(el.tag, s);
  return s;
}

const lastValue = new Map<number, string>();

function sameLatin1(b: Uint8Array, start: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (b[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

function latin1(b: Uint8Array, start: number, end: number): string {
  // A native slice costs about as much as building 8 characters one by one, and gives a flat
  // string (longer += chains give cons strings that are flattened again on first compare).
  if (end - start <= 8) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return (asBuffer(b) as Buffer & { latin1Slice(s: number, e: number): string }).latin1Slice(start, end);
}

/** Values split on backslash (except for single-valued text VRs); cached on the element. */
export function values(f: Part10, el: Element): string[] {
  const c = decoded(f, el);
  return typeof c === 'string' ? (c === '' ? [] : [c]) : c;
}

/** The first value ('' when empty), without building an array for single values. */
export function firstValue(f: Part10, el: Element): string {
  const c = decoded(f, el);
  return typeof c === 'string' ? c : (c[0] ?? '');
}

/** The decoded value: a string when single-valued, else the values. Cached on the element. */
export function decoded(f: Part10, el: Element): string | string[] {
  if (el.cache !== undefined) return el.cache;
  const s = rawString(f, el);
  const out =
    SINGLE_VALUED_TEXT.has(el.vr) || !s.includes('\\')
      ? s
      : s.split('\\').map((v) => (TEXT_VRS.has(el.vr) ? v.replace(/ +$/, '') : v.trim()));
  el.cache = out;
  return out;
}

const buffers = new WeakMap<Uint8Array, Buffer>();
function asBuffer(b: Uint8Array): Buffer {
  if (Buffer.isBuffer(b)) return b;
  let buf = buffers.get(b);
  if (!buf) {
    buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    buffers.set(b, buf);
  }
  return buf;
}

export function uint16(f: Part10, el: Element): number | undefined {
  if (el.length < 2) return undefined;
  return f.bytes[el.valueOffset]! | (f.bytes[el.valueOffset + 1]! << 8);
}

// Most reference items lack most sequences a rule asks for: one empty answer for all of them.
const NO_ITEMS: DataSet[] = Object.freeze([]) as unknown as DataSet[];

/** Accessors bound to one file: what the rules use. */
export class Dicom {
  constructor(readonly file: Part10) {}
  el(ds: DataSet, tag: number): Element | undefined {
    return ds.elements.get(tag);
  }
  has(ds: DataSet, tag: number): boolean {
    return ds.elements.has(tag);
  }
  /** First value, or undefined when absent or empty. */
  str(ds: DataSet, tag: number): string | undefined {
    const el = ds.elements.get(tag);
    if (!el || el.items) return undefined;
    const v = firstValue(this.file, el);
    return v === '' ? undefined : v;
  }
  all(ds: DataSet, tag: number): string[] {
    const el = ds.elements.get(tag);
    return el && !el.items ? values(this.file, el) : [];
  }
  /** The items of a sequence; an absent one gives a shared empty array (frozen: callers only read). */
  items(ds: DataSet, tag: number): DataSet[] {
    return ds.elements.get(tag)?.items ?? NO_ITEMS;
  }
  get root(): DataSet {
    return this.file.dataSet;
  }
}
