// The parsed shape of a DICOM data set. Values stay as byte ranges into the source buffer and
// are decoded on demand, so a 4,000-reference manifest parses without creating strings.

export interface Element {
  tag: number;
  vr: string;
  /** Byte offset of the element's tag in the file. */
  offset: number;
  /** Byte offset of the value. */
  valueOffset: number;
  /** Value length in bytes as read (0xFFFFFFFF = undefined length). */
  length: number;
  /** Sequence items, for SQ. */
  items?: DataSet[];
  /** The value runs past the end of its container; only the bytes present are kept. */
  truncated?: boolean;
  /** Decoded value(s), cached on first use (several rules read the same element): one value is kept as a string. */
  cache?: string | string[] | undefined;
}

export interface DataSet {
  /** Tag path of this data set: '' for the root, '(0040,A375)[0]' for an item. */
  path: string;
  offset: number;
  /** Elements in file order; a repeated tag keeps its first element. */
  elements: ElementMap;
}

export type ProblemCode =
  | 'not-dicom'
  | 'empty'
  | 'no-preamble'
  | 'meta-missing'
  | 'meta-group-length'
  | 'transfer-syntax-missing'
  | 'transfer-syntax-unsupported'
  | 'truncated'
  | 'bad-length'
  | 'odd-length'
  | 'bad-vr'
  | 'vr-mismatch'
  | 'tag-order'
  | 'duplicate-tag'
  | 'bad-item'
  | 'too-deep'
  | 'value-too-long';

/** A structural problem met while reading: data, never an exception. */
export interface ParseProblem {
  code: ProblemCode;
  message: string;
  offset: number;
  path: string;
  /** True when reading stopped here (what follows is unknown). */
  fatal: boolean;
}

export interface Part10 {
  bytes: Uint8Array;
  /** Group 0002, empty when absent. */
  meta: DataSet;
  dataSet: DataSet;
  transferSyntaxUid?: string;
  hasPreamble: boolean;
  /** Pixel Data was reached and skipped without reading it. */
  stoppedAtPixelData: boolean;
  problems: ParseProblem[];
  /** Decodes text values with the data set's Specific Character Set. */
  decoder: TextDecoderLike;
}

export interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}

const tagKeys = new Map<number, string>();

/** '(0040,A375)' for 0x0040A375; memoised, as item paths are built from it. */
export function tagKey(tag: number): string {
  let k = tagKeys.get(tag);
  if (k === undefined) {
    k = formatTag(tag);
    if (tagKeys.size < 10_000) tagKeys.set(tag, k);
  }
  return k;
}

function formatTag(tag: number): string {
  const g = (tag >>> 16).toString(16).toUpperCase().padStart(4, '0');
  const e = (tag & 0xffff).toString(16).toUpperCase().padStart(4, '0');
  return `(${g},${e})`;
}

/** '(0040,A375)' -> 0x0040A375; undefined when malformed. */
export function parseTagKey(key: string): number | undefined {
  const m = /^\(([0-9A-Fa-f]{4}),([0-9A-Fa-f]{4})\)$/.exec(key);
  return m ? parseInt(`${m[1]}${m[2]}`, 16) >>> 0 : undefined;
}

/** Path of an element inside a data set: 'a[0]>(0008,1115)'. */
export function childPath(parent: string, tag: number): string {
  return parent ? `${parent}>${tagKey(tag)}` : tagKey(tag);
}

export function itemPath(parent: string, tag: number, index: number): string {
  return `${childPath(parent, tag)}[${index}]`;
}

/**
 * A sequence item as the reader makes it. Its tag path is built when asked for, from its
 * sequence's data set, tag and index: only findings and reading problems need one, and a path
 * string per item was a large part of what reading a manifest of thousands of references
 * allocated (and kept alive, so garbage collection copied it again).
 */
export class SequenceItem implements DataSet {
  elements: ElementMap = EMPTY_ELEMENTS;
  constructor(
    readonly parent: DataSet,
    readonly sequenceTag: number,
    readonly index: number,
    readonly offset: number,
  ) {}
  get path(): string {
    return itemPath(this.parent.path, this.sequenceTag, this.index);
  }
}

/**
 * The elements of one data set by tag, with the read-only Map API. One array instead of a Map:
 * a manifest has thousands of small items, and a Map per item dominated reading time; the tag
 * is read from the element itself, as a second array of tags per item cost as much memory again
 * (each array grows to 17 slots on its first push) and so garbage-collection time.
 * A repeated tag keeps its first element (the problem is reported by the reader).
 */
export class ElementMap implements ReadonlyMap<number, Element> {
  private readonly els: Element[];
  private sorted: boolean;

  /** `els` as the reader collected them: first of each tag only (it drops repeats itself). */
  constructor(els: Element[] = [], sorted = true) {
    this.els = els;
    this.sorted = sorted;
  }

  add(el: Element): void {
    const n = this.els.length;
    if (n > 0) {
      const last = this.els[n - 1]!.tag;
      if (el.tag === last || (!this.sorted && this.indexOf(el.tag) >= 0)) return;
      if (el.tag < last) {
        if (this.indexOf(el.tag) >= 0) return;
        this.sorted = false;
      }
    }
    this.els.push(el);
  }

  /** Used by tests and fixtures that build a data set by hand. */
  set(tag: number, el: Element): this {
    if (!this.has(tag)) this.add({ ...el, tag });
    return this;
  }

  private indexOf(tag: number): number {
    const e = this.els;
    if (!this.sorted || e.length < 8) {
      for (let i = 0; i < e.length; i++) if (e[i]!.tag === tag) return i;
      return -1;
    }
    let lo = 0;
    let hi = e.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = e[mid]!.tag;
      if (v === tag) return mid;
      if (v < tag) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(tag: number): Element | undefined {
    const i = this.indexOf(tag);
    return i < 0 ? undefined : this.els[i];
  }
  has(tag: number): boolean {
    return this.indexOf(tag) >= 0;
  }
  get size(): number {
    return this.els.length;
  }
  /** The elements in file order, for a walk over all of them without an iterator (which allocates per step in cold code). */
  list(): readonly Element[] {
    return this.els;
  }
  forEach(cb: (value: Element, key: number, map: ReadonlyMap<number, Element>) => void): void {
    for (let i = 0; i < this.els.length; i++) cb(this.els[i]!, this.els[i]!.tag, this);
  }
  *entries(): MapIterator<[number, Element]> {
    for (let i = 0; i < this.els.length; i++) yield [this.els[i]!.tag, this.els[i]!];
  }
  *keys(): MapIterator<number> {
    for (let i = 0; i < this.els.length; i++) yield this.els[i]!.tag;
  }
  values(): MapIterator<Element> {
    return this.els[Symbol.iterator]();
  }
  [Symbol.iterator](): MapIterator<[number, Element]> {
    return this.entries();
  }
}

/** Placeholder of an item being read; the reader sets its own map when the item ends. */
const EMPTY_ELEMENTS = new ElementMap();
