// The element parser under readPart10: walks elements and sequence items within byte bounds,
// recording every structural problem with its offset and tag path instead of throwing.
import {
  ElementMap,
  SequenceItem,
  childPath,
  itemPath,
  tagKey,
  type DataSet,
  type Element,
  type ParseProblem,
  type ProblemCode,
} from './data-set.ts';
import { dictionaryVr } from './dictionary.ts';
import { Tag } from './tags.generated.ts';

export const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const KNOWN_VRS = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FL',
  'FD',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'SL',
  'SS',
  'ST',
  'TM',
  'UI',
  'UL',
  'US',
  ...LONG_VRS,
]);
// The VR from its two bytes, for the reader's per-element path: the bytes index VR_SLOT, which
// holds 0 for no VR, else 1 + the VR's place in VR_LIST; LONG_SLOT marks the VRs with a 4-byte
// length. Two array reads instead of a Map and a Set look-up per element.
const VR_LIST = [...KNOWN_VRS];
const VR_SLOT = new Uint8Array(0x10000);
const LONG_SLOT = new Uint8Array(VR_LIST.length + 1);
VR_LIST.forEach((vr, i) => {
  VR_SLOT[(vr.charCodeAt(0) << 8) | vr.charCodeAt(1)] = i + 1;
  if (LONG_VRS.has(vr)) LONG_SLOT[i + 1] = 1;
});
export const UNDEFINED = 0xffffffff;
export const ITEM = Tag.Item;
export const ITEM_END = Tag.ItemDelimitationItem;
export const SEQ_END = Tag.SequenceDelimitationItem;
export const PIXEL_DATA = Tag.PixelData;
export const MAX_DEPTH = 24;
/** Items of a sequence still being read (replaced when it ends). */
const NO_ITEMS: DataSet[] = [];

export class Cursor {
  readonly problems: ParseProblem[] = [];
  stoppedAtPixelData = false;
  /**
   * Elements and items read but not yet placed. Each data set and each sequence takes its own
   * slice, exact in size, when it ends: growing an array per item by push gave each 17 slots,
   * for the two or three elements a reference item holds.
   */
  readonly elementStack: Element[] = [];
  readonly itemStack: DataSet[] = [];
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

/**
 * Reads elements from pos up to end into ds. With untilItemEnd, stops at an Item
 * Delimitation Item and returns the offset after it. Returns the offset where it stopped.
 */
export function parseItemBody(c: Cursor, ds: DataSet, start: number, end: number, depth: number, untilItemEnd: boolean): number {
  const stack = c.elementStack;
  const base = stack.length;
  const p = readElements(c, ds, base, start, end, depth, untilItemEnd);
  ds.elements = new ElementMap(stack.slice(base), isAscending(stack, base));
  stack.length = base;
  return p;
}

function isAscending(els: readonly Element[], from: number): boolean {
  for (let i = from + 1; i < els.length; i++) if (els[i]!.tag < els[i - 1]!.tag) return false;
  return true;
}

/** Whether els[from..] holds an element of this tag (a repeated tag keeps its first element). */
function holds(els: readonly Element[], from: number, tag: number): boolean {
  for (let i = from; i < els.length; i++) if (els[i]!.tag === tag) return true;
  return false;
}

function readElements(c: Cursor, ds: DataSet, base: number, start: number, end: number, depth: number, untilItemEnd: boolean): number {
  const { b, dv } = c;
  const stack = c.elementStack;
  let p = start;
  let last = -1;
  let lastKept = -1;
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
      const slot = VR_SLOT[(b[p + 4]! << 8) | b[p + 5]!]!;
      if (slot === 0) {
        c.problem(
          'bad-vr',
          `VR bytes ${hex(b[p + 4]!)} ${hex(b[p + 5]!)} are not a DICOM VR; the element length cannot be known`,
          p + 4,
          childPath(ds.path, tag),
          true,
        );
        return end;
      }
      vr = VR_LIST[slot - 1]!;
      if (LONG_SLOT[slot] === 1) {
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
      c.problem(
        tag === last ? 'duplicate-tag' : 'tag-order',
        tag === last ? `${tagKey(tag)} appears twice` : `${tagKey(tag)} follows ${tagKey(last)}: tags must ascend`,
        p,
        childPath(ds.path, tag),
      );
    }
    last = tag;
    // A sequence element is made with its items slot, filled when the sequence ends (adding
    // the property afterwards gave every such element a second, out-of-object store).
    const el: Element =
      vr === 'SQ' && depth < MAX_DEPTH && !(tag === PIXEL_DATA && c.stopAtPixel)
        ? { tag, vr, offset: p, valueOffset: p + head, length: len, cache: undefined, items: NO_ITEMS }
        : { tag, vr, offset: p, valueOffset: p + head, length: len, cache: undefined };
    // Same rule as ElementMap.add: a repeated tag keeps its first element.
    if (stack.length === base || tag > lastKept || !holds(stack, base, tag)) {
      stack.push(el);
      if (tag > lastKept) lastKept = tag;
    }
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
      if (len === UNDEFINED) {
        p = parseItems(c, el, ds, vstart, end, depth, true);
      } else if (c.shallow && vstart + len <= end) {
        el.items = [];
        p = vstart + len;
      } else {
        let send = vstart + len;
        if (send > end) {
          c.problem(
            'truncated',
            `${tagKey(tag)} length ${len} runs ${send - end} byte(s) past the end of its container`,
            p,
            childPath(ds.path, tag),
          );
          el.truncated = true;
          send = end;
        }
        p = parseItems(c, el, ds, vstart, send, depth, false);
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
      c.problem(
        'bad-length',
        `${vr} element with undefined length (FFFFFFFF): only SQ and encapsulated Pixel Data may have one`,
        p,
        childPath(ds.path, tag),
        true,
      );
      return end;
    }
    if (vstart + len > end) {
      c.problem(
        'truncated',
        `value length ${len} runs ${vstart + len - end} byte(s) past the end of ${ds.path ? 'its item' : 'the file'}`,
        p,
        childPath(ds.path, tag),
        true,
      );
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

/** Reads the items of sequence element el of ds into el.items. */
function parseItems(c: Cursor, el: Element, ds: DataSet, start: number, end: number, depth: number, undefinedLength: boolean): number {
  const stack = c.itemStack;
  const base = stack.length;
  const p = readItems(c, el, ds, base, start, end, depth, undefinedLength);
  el.items = stack.slice(base);
  stack.length = base;
  return p;
}

function readItems(
  c: Cursor,
  el: Element,
  ds: DataSet,
  base: number,
  start: number,
  end: number,
  depth: number,
  undefinedLength: boolean,
): number {
  const { dv } = c;
  const stack = c.itemStack;
  // Paths are built only for a problem.
  let p = start;
  while (p < end) {
    if (p + 8 > end) {
      c.problem('truncated', 'sequence cut short inside an item header', p, childPath(ds.path, el.tag), true);
      return end;
    }
    const tag = ((dv.getUint16(p, true) << 16) | dv.getUint16(p + 2, true)) >>> 0;
    const len = dv.getUint32(p + 4, true);
    if (tag === SEQ_END) {
      if (!undefinedLength) c.problem('bad-item', '(FFFE,E0DD) inside a sequence of defined length', p, childPath(ds.path, el.tag));
      return p + 8;
    }
    if (tag !== ITEM) {
      c.problem(
        'bad-item',
        `${tagKey(tag)} where a sequence item (FFFE,E000) was expected`,
        p,
        itemPath(ds.path, el.tag, stack.length - base),
        true,
      );
      return end;
    }
    const item = new SequenceItem(ds, el.tag, stack.length - base, p);
    if (len !== UNDEFINED && p + 8 + len > end)
      c.problem(
        'truncated',
        `item length ${len} runs ${p + 8 + len - end} byte(s) past the end of its sequence`,
        p,
        itemPath(ds.path, el.tag, stack.length - base),
      );
    stack.push(item);
    if (len === UNDEFINED) {
      p = parseItemBody(c, item, p + 8, end, depth + 1, true);
    } else {
      const iend = Math.min(p + 8 + len, end);
      parseItemBody(c, item, p + 8, iend, depth + 1, false);
      p = iend;
    }
    if (c.problems.length > 0 && c.problems[c.problems.length - 1]!.fatal) return end;
  }
  if (undefinedLength)
    c.problem('truncated', 'sequence of undefined length not closed by (FFFE,E0DD)', p, childPath(ds.path, el.tag), true);
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

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
