// A lean DICOM Part 10 reader: explicit and implicit VR little endian. Every structural
// problem (truncation, bad lengths, odd lengths, wrong VR codes, out-of-order tags, missing
// meta header) is recorded with its byte offset and tag path; reading never throws.
import { createRequire } from 'node:module';
import { ElementMap, type DataSet, type Element, type Part10, type ParseProblem } from './data-set.ts';
import { Cursor, KNOWN_VRS, LONG_VRS, UNDEFINED, parseItemBody } from './element-parser.ts';
import { decoderFor } from './text.ts';
import { Tag, TagKey } from './tags.generated.ts';

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflatedLE: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
} as const;

const MAX_UI = 64;

export interface ReadOptions {
  /** Stop at Pixel Data (7FE0,0010) without reading it (default true). */
  stopAtPixelData?: boolean;
  /** Skip the items of sequences of defined length: a cheap look at the top-level attributes. */
  shallow?: boolean;
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
      c.problem(
        'not-dicom',
        `no 'DICM' prefix at byte 128 and no DICOM data set at byte 0: not a DICOM file (${bytes.length} bytes)`,
        0,
        '',
        true,
      );
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
  const tsEl = meta.elements.get(Tag.TransferSyntaxUID);
  // A UI value holds at most 64 characters (PS3.5 6.2): a longer one names no transfer
  // syntax, so the data set is read by guessing, as without one.
  const tsTooLong = tsEl !== undefined && tsEl.length > MAX_UI;
  if (tsTooLong)
    c.problem(
      'value-too-long',
      `(0002,0010) TransferSyntaxUID is ${tsEl.length} bytes long, more than the 64 a UI value may hold`,
      tsEl.offset,
      TagKey.TransferSyntaxUID,
    );
  let ts = tsEl && !tsTooLong ? stripString(bytes, tsEl) : undefined;
  if (!tsEl) {
    c.problem(
      'transfer-syntax-missing',
      'File Meta Information lacks (0002,0010) TransferSyntaxUID',
      meta.offset,
      TagKey.TransferSyntaxUID,
    );
  }
  if (ts === TS.explicitBE) {
    c.problem(
      'transfer-syntax-unsupported',
      `transfer syntax ${ts} (big endian, retired) is not supported by this reader`,
      metaEnd,
      TagKey.TransferSyntaxUID,
      true,
    );
    return result(meta, empty(metaEnd), hasPreamble, ts);
  }
  if (ts === TS.deflatedLE) {
    // Inflate the data set and read it as explicit VR little endian; offsets past the meta
    // header then count in the inflated stream.
    let inflated: Buffer;
    try {
      inflated = inflateRaw(bytes.subarray(metaEnd));
    } catch (err) {
      c.problem('truncated', `deflated data set cannot be inflated: ${(err as Error).message}`, metaEnd, '', true);
      return result(meta, empty(metaEnd), hasPreamble, ts);
    }
    const whole = Buffer.concat([bytes.subarray(0, metaEnd), inflated]);
    const rest = readPart10Body(whole, meta, metaEnd, c.problems, opts);
    return { ...rest, hasPreamble, transferSyntaxUid: ts };
  }
  c.explicit = ts === undefined ? guessExplicit(bytes, metaEnd) : ts !== TS.implicitLE;
  if (ts === undefined) ts = c.explicit ? TS.explicitLE : TS.implicitLE;
  const dataSet = empty(metaEnd);
  parseItemBody(c, dataSet, metaEnd, bytes.length, 0, false);
  return result(meta, dataSet, hasPreamble, ts);
}

/** Reads the data set of an inflated deflate file, keeping the meta already read. */
function readPart10Body(whole: Buffer, meta: DataSet, metaEnd: number, problems: ParseProblem[], opts: ReadOptions): Part10 {
  const dv = new DataView(whole.buffer, whole.byteOffset, whole.byteLength);
  const c = new Cursor(whole, dv, true, opts.stopAtPixelData ?? true, opts.shallow ?? false);
  c.problems.push(...problems);
  const dataSet: DataSet = { path: '', offset: metaEnd, elements: new ElementMap() };
  parseItemBody(c, dataSet, metaEnd, whole.length, 0, false);
  return {
    bytes: whole,
    meta,
    dataSet,
    hasPreamble: true,
    stoppedAtPixelData: c.stoppedAtPixelData,
    problems: c.problems,
    decoder: decoderFor(charsetOf(whole, dataSet)),
  };
}

/** node:zlib is loaded only for a deflated file: loading it is a measurable part of a validation's start-up. */
function inflateRaw(deflated: Uint8Array): Buffer {
  const { inflateRawSync } = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  return inflateRawSync(deflated, { maxOutputLength: 256 * 1024 * 1024 });
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
  const gl = meta.elements.get(Tag.FileMetaInformationGroupLength);
  if (!gl || gl.length !== 4 || gl.truncated) {
    c.problem(
      'meta-group-length',
      'File Meta Information lacks a valid (0002,0000) FileMetaInformationGroupLength',
      meta.offset,
      TagKey.FileMetaInformationGroupLength,
    );
    return;
  }
  const declared = c.dv.getUint32(gl.valueOffset, true);
  const actual = metaEnd - (gl.valueOffset + 4);
  if (declared !== actual) {
    c.problem(
      'meta-group-length',
      `(0002,0000) FileMetaInformationGroupLength is ${declared} but group 0002 after it is ${actual} bytes`,
      gl.offset,
      TagKey.FileMetaInformationGroupLength,
    );
  }
}

function guessExplicit(b: Uint8Array, p: number): boolean {
  if (p + 6 > b.length) return true;
  return KNOWN_VRS.has(String.fromCharCode(b[p + 4]!, b[p + 5]!));
}

function stripString(b: Uint8Array, el: Element): string {
  let s = '';
  for (let i = el.valueOffset; i < el.valueOffset + el.length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s.replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

function charsetOf(b: Uint8Array, ds: DataSet): string {
  const el = ds.elements.get(Tag.SpecificCharacterSet);
  return el ? stripString(b, el) : '';
}
