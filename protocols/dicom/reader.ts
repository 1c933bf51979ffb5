// A lean DICOM Part 10 reader: explicit and implicit VR little endian. Every structural
// problem (truncation, bad lengths, odd lengths, wrong VR codes, out-of-order tags, missing
// meta header) is recorded with its byte offset and tag path; reading never throws.
import {
  ElementMap,
  childPath,
  itemPath,
  tagKey,
  type DataSet,
  type Element,
  type Part10,
  type ParseProblem,
  type ProblemCode,
} from './data-set.ts';
import { dictionaryVr } from './dictionary.ts';
import { decoderFor } from './text.ts';

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflatedLE: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
} as const;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const KNOWN_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US',
  ...LONG_VRS,
]);
const VR_BY_CODE = new Map([...KNOWN_VRS].map((vr) => [(vr.charCodeAt(0) << 8) | vr.charCodeAt(1), vr] as const));
const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQ_END = 0xfffee0dd;
const PIXEL_DATA = 0x7fe00010;
const MAX_DEPTH = 24;

export interface ReadOptions {
  /** Stop at Pixel Data (7FE0,0010) without reading it (default true). */
  stopAtPixelData?: boolean;
  /** Skip the items of sequences of defined length: a cheap look at the top-level attributes. */
  shallow?: boolean;
}

class Cursor {
  readonly problems: ParseProblem[] = [];
  stoppedAtPixelData = false;
  constructor(
    readonly b: Uint8Array,
    readonly dv: DataView,
    public explicit: boolean,
    readonly stopAtPixel: boolean,
    readonly shallow = false,
  ) {}
  problem(code: ProblemCode, message: string, offset: number, path: string, fatal = false): void {
    this.problems.push({ code, message, offset, path, fatal });
  }
}

export function readPart10(input: Uint8Array, opts: ReadOptions = {}): Part10 {
  const bytes = input;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const empty = (offset: number): DataSet => ({ path: '', offset, elements: new ElementMap() });
  const c = new Cursor(bytes, dv, true, opts.stopAtPixelData ?? true, opts.shallow ?? false);
  const result = (meta: DataSet, dataSet: DataSet, hasPreamble: boolean, ts?: string): Part10 => ({
    bytes,
    meta,
    dataSet,
    ...(ts === undefined ? {} : { transferSyntaxUid: ts }),
    hasPreamble,
    stoppedAtPixelData: c.stoppedAtPixelData,
    problems: c.problems,
    decoder: decoderFor(charsetOf(bytes, dataSet)),
  });

  if (bytes.length === 0) {
    c.problem('empty', 'file is empty (0 bytes): not a DICOM Part 10 file', 0, '', true);
    return result(empty(0), empty(0), false);
  }
  const hasPreamble = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  let pos = 132;
  if (!hasPreamble) {
    // A bare data set (no preamble) is still readable when it starts with a plausible tag.
    if (!looksLikeDataSet(bytes)) {
      c.problem('not-dicom', `no 'DICM' prefix at byte 128 and no DICOM data set at byte 0: not a DICOM file (${bytes.length} bytes)`, 0, '', true);
      return result(empty(0), empty(0), false);
    }
    c.problem('no-preamble', "no 128-byte preamble and 'DICM' prefix: not a Part 10 file (read as a bare data set)", 0, '');
    pos = 0;
  }

  // File Meta Information: always explicit VR little endian.
  const meta = empty(pos);
  const metaEnd = metaEndOffset(bytes, dv, pos);
  if (metaEnd === pos) {
    c.problem('meta-missing', 'no File Meta Information (group 0002)', pos, '');
  } else {
    parseItemBody(c, meta, pos, metaEnd, 0, false);
    checkGroupLength(c, meta, metaEnd);
  }
  const tsEl = meta.elements.get(0x00020010);
  let ts = tsEl ? stripString(bytes, tsEl) : undefined;
  if (!tsEl) {
    c.problem('transfer-syntax-missing', 'File Meta Information lacks (0002,0010) TransferSyntaxUID', meta.offset, '(0002,0010)');
  }
  if (ts === TS.deflatedLE || ts === TS.explicitBE) {
    c.problem('transfer-syntax-unsupported', `transfer syntax ${ts} (${ts === TS.deflatedLE ? 'deflated' : 'big endian'}) is not supported by this reader`, metaEnd, '(0002,0010)', true);
    return result(meta, empty(metaEnd), hasPreamble, ts);
  }
  c.explicit = ts === undefined ? guessExplicit(bytes, metaEnd) : ts !== TS.implicitLE;
  if (ts === undefined) ts = c.explicit ? TS.explicitLE : TS.implicitLE;
  const dataSet = empty(metaEnd);
  parseItemBody(c, dataSet, metaEnd, bytes.length, 0, false);
  return result(meta, dataSet, hasPreamble, ts);
}

function looksLikeDataSet(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const group = b[0]! | (b[1]! << 8);
  const vr = String.fromCharCode(b[4]!, b[5]!);
  return (group === 0x0002 || group === 0x0008) && (KNOWN_VRS.has(vr) || (b[6] === 0 && b[7] === 0) || group === 0x0008);
}

/** The meta group ends at the first element whose group is not 0002. */
function metaEndOffset(b: Uint8Array, dv: DataView, start: number): number {
  let p = start;
  while (p + 8 <= b.length && dv.getUint16(p, true) === 0x0002) {
    const vr = String.fromCharCode(b[p + 4]!, b[p + 5]!);
    let len: number;
    let head: number;
    if (LONG_VRS.has(vr)) {
      if (p + 12 > b.length) return b.length;
      len = dv.getUint32(p + 8, true);
      head = 12;
    } else {
      len = dv.getUint16(p + 6, true);
      head = 8;
    }
    if (len === UNDEFINED) return b.length;
    p = Math.min(b.length, p + head + len);
  }
  return p;
}

function checkGroupLength(c: Cursor, meta: DataSet, metaEnd: number): void {
  const gl = meta.elements.get(0x00020000);
  if (!gl || gl.length !== 4 || gl.truncated) {
    c.problem('meta-group-length', 'File Meta Information lacks a valid (0002,0000) FileMetaInformationGroupLength', meta.offset, '(0002,0000)');
    return;
  }
  const declared = c.dv.getUint32(gl.valueOffset, true);
  const actual = metaEnd - (gl.valueOffset + 4);
  if (declared !== actual) {
    c.problem('meta-group-length', `(0002,0000) FileMetaInformationGroupLength is ${declared} but group 0002 after it is ${actual} bytes`, gl.offset, '(0002,0000)');
  }
}

function guessExplicit(b: Uint8Array, p: number): boolean {
  if (p + 6 > b.length) return true;
  return KNOWN_VRS.has(String.fromCharCode(b[p + 4]!, b[p + 5]!));
}

/**
 * Reads elements from pos up to end into ds. With untilItemEnd, stops at an Item
 * Delimitation Item and returns the offset after it. Returns the offset where it stopped.
 */
function parseItemBody(c: Cursor, ds: DataSet, start: number, end: number, depth: number, untilItemEnd: boolean): number {
  const { b, dv } = c;
  let p = start;
  let last = -1;
  while (p < end) {
    if (p + 8 > end) {
      c.problem('truncated', `${end - p} stray byte(s) where an element header (8 bytes) was expected`, p, ds.path, true);
      return end;
    }
    const tag = ((dv.getUint16(p, true) << 16) | dv.getUint16(p + 2, true)) >>> 0;
    if (tag === ITEM_END) {
      if (untilItemEnd) return p + 8;
      c.problem('bad-item', 'Item Delimitation Item (FFFE,E00D) outside an item of undefined length', p, ds.path);
      p += 8;
      continue;
    }
    if (tag === SEQ_END || tag === ITEM) {
      if (untilItemEnd) {
        c.problem('bad-item', `${tagKey(tag)} where an element or (FFFE,E00D) was expected: item not closed`, p, ds.path);
        return p;
      }
      c.problem('bad-item', `${tagKey(tag)} found among data elements`, p, ds.path, true);
      return end;
    }
    let vr: string;
    let len: number;
    let head: number;
    if (c.explicit || tag >>> 16 === 0x0002) {
      const known = VR_BY_CODE.get((b[p + 4]! << 8) | b[p + 5]!);
      if (known === undefined) {
        c.problem('bad-vr', `VR bytes ${hex(b[p + 4]!)} ${hex(b[p + 5]!)} are not a DICOM VR; the element length cannot be known`, p + 4, childPath(ds.path, tag), true);
        return end;
      }
      vr = known;
      if (LONG_VRS.has(vr)) {
        if (p + 12 > end) {
          c.problem('truncated', `element header cut short (${end - p} of 12 bytes)`, p, childPath(ds.path, tag), true);
          return end;
        }
        len = dv.getUint32(p + 8, true);
        head = 12;
      } else {
        len = dv.getUint16(p + 6, true);
        head = 8;
      }
    } else {
      vr = dictionaryVr(tag);
      len = dv.getUint32(p + 4, true);
      head = 8;
      if (vr === 'UN' && len === UNDEFINED) vr = 'SQ';
    }
    if (tag <= last) {
      c.problem(tag === last ? 'duplicate-tag' : 'tag-order', tag === last ? `${tagKey(tag)} appears twice` : `${tagKey(tag)} follows ${tagKey(last)}: tags must ascend`, p, childPath(ds.path, tag));
    }
    last = tag;
    const el: Element = { tag, vr, offset: p, valueOffset: p + head, length: len, cache: undefined };
    ds.elements.add(el);
    const vstart = p + head;
    if (tag === PIXEL_DATA && c.stopAtPixel) {
      c.stoppedAtPixelData = true;
      return end;
    }
    if (vr === 'SQ') {
      if (depth >= MAX_DEPTH) {
        c.problem('too-deep', `sequences nested deeper than ${MAX_DEPTH} levels`, p, childPath(ds.path, tag), true);
        return end;
      }
      el.items = [];
      if (len === UNDEFINED) {
        p = parseItems(c, el, childPath(ds.path, tag), vstart, end, depth, true);
      } else if (c.shallow && vstart + len <= end) {
        p = vstart + len;
      } else {
        let send = vstart + len;
        if (send > end) {
          c.problem('truncated', `${tagKey(tag)} length ${len} runs ${send - end} byte(s) past the end of its container`, p, childPath(ds.path, tag));
          el.truncated = true;
          send = end;
        }
        p = parseItems(c, el, childPath(ds.path, tag), vstart, send, depth, false);
        if (el.truncated) return end;
      }
      continue;
    }
    if (len === UNDEFINED) {
      if (tag === PIXEL_DATA || vr === 'UN') {
        // Encapsulated data: skip the fragments to the Sequence Delimitation Item.
        p = skipFragments(c, childPath(ds.path, tag), vstart, end);
        continue;
      }
      c.problem('bad-length', `${vr} element with undefined length (FFFFFFFF): only SQ and encapsulated Pixel Data may have one`, p, childPath(ds.path, tag), true);
      return end;
    }
    if (vstart + len > end) {
      c.problem('truncated', `value length ${len} runs ${vstart + len - end} byte(s) past the end of ${ds.path ? 'its item' : 'the file'}`, p, childPath(ds.path, tag), true);
      el.truncated = true;
      el.length = end - vstart;
      return end;
    }
    if (len % 2 === 1) c.problem('odd-length', `value length ${len} is odd; DICOM values have even length`, p, childPath(ds.path, tag));
    p = vstart + len;
  }
  if (untilItemEnd) {
    c.problem('truncated', 'item of undefined length not closed by (FFFE,E00D) before the end of its container', p, ds.path, true);
  }
  return p;
}

function parseItems(c: Cursor, el: Element, path: string, start: number, end: number, depth: number, undefinedLength: boolean): number {
  const { dv } = c;
  const items = el.items!;
  let p = start;
  while (p < end) {
    if (p + 8 > end) {
      c.problem('truncated', 'sequence cut short inside an item header', p, path, true);
      return end;
    }
    const tag = ((dv.getUint16(p, true) << 16) | dv.getUint16(p + 2, true)) >>> 0;
    const len = dv.getUint32(p + 4, true);
    if (tag === SEQ_END) {
      if (!undefinedLength) c.problem('bad-item', '(FFFE,E0DD) inside a sequence of defined length', p, path);
      return p + 8;
    }
    const ipath = `${path}[${items.length}]`;
    if (tag !== ITEM) {
      c.problem('bad-item', `${tagKey(tag)} where a sequence item (FFFE,E000) was expected`, p, ipath, true);
      return end;
    }
    const item: DataSet = { path: ipath, offset: p, elements: new ElementMap() };
    items.push(item);
    if (len === UNDEFINED) {
      p = parseItemBody(c, item, p + 8, end, depth + 1, true);
    } else {
      let iend = p + 8 + len;
      if (iend > end) {
        c.problem('truncated', `item length ${len} runs ${iend - end} byte(s) past the end of its sequence`, p, ipath);
        iend = end;
      }
      parseItemBody(c, item, p + 8, iend, depth + 1, false);
      p = iend;
    }
    if (c.problems.length > 0 && c.problems[c.problems.length - 1]!.fatal) return end;
  }
  if (undefinedLength) c.problem('truncated', 'sequence of undefined length not closed by (FFFE,E0DD)', p, path, true);
  return p;
}

function skipFragments(c: Cursor, path: string, start: number, end: number): number {
  const { dv } = c;
  let p = start;
  while (p + 8 <= end) {
    const tag = ((dv.getUint16(p, true) << 16) | dv.getUint16(p + 2, true)) >>> 0;
    const len = dv.getUint32(p + 4, true);
    if (tag === SEQ_END) return p + 8;
    if (tag !== ITEM || len === UNDEFINED) {
      c.problem('bad-item', `${tagKey(tag)} inside encapsulated data`, p, path, true);
      return end;
    }
    p += 8 + len;
  }
  c.problem('truncated', 'encapsulated data not closed by (FFFE,E0DD)', Math.min(p, end), path, true);
  return end;
}

function stripString(b: Uint8Array, el: Element): string {
  let s = '';
  for (let i = el.valueOffset; i < el.valueOffset + el.length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s.replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

function charsetOf(b: Uint8Array, ds: DataSet): string {
  const el = ds.elements.get(0x00080005);
  return el ? stripString(b, el) : '';
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

export { itemPath };
