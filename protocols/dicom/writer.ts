// Writes a data set tree as a Part 10 file (explicit or implicit VR little endian). Used by
// fixture builders: the tree is plain data keyed by '(gggg,eeee)', so a one-change variant is
// a one-line edit, and elements are always written in ascending tag order.
import { parseTagKey } from './data-set.ts';
import { Tag, TagKey } from './tags.generated.ts';

export type WValue = string | string[] | number[] | WDataSet[] | Uint8Array;
export interface WElement {
  vr: string;
  value: WValue;
}
export type WDataSet = Record<string, WElement>;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

export interface WriteOptions {
  transferSyntax?: 'explicit' | 'implicit';
  /** Meta elements to add or override, e.g. a wrong MediaStorageSOPClassUID. */
  meta?: WDataSet;
  /** Leave out preamble and meta header (a bare data set). */
  noMeta?: boolean;
}

export function writePart10(ds: WDataSet, opts: WriteOptions = {}): Buffer {
  const implicit = opts.transferSyntax === 'implicit';
  const utf8 = String(ds[TagKey.SpecificCharacterSet]?.value ?? '').includes('ISO_IR 192');
  const body = encodeDataSet(ds, !implicit, utf8);
  if (opts.noMeta) return body;
  const str = (k: string): string => {
    const v = ds[k]?.value;
    return typeof v === 'string' ? v : '';
  };
  const meta: WDataSet = {
    [TagKey.FileMetaInformationVersion]: { vr: 'OB', value: Uint8Array.from([0, 1]) },
    [TagKey.MediaStorageSOPClassUID]: { vr: 'UI', value: str(TagKey.SOPClassUID) },
    [TagKey.MediaStorageSOPInstanceUID]: { vr: 'UI', value: str(TagKey.SOPInstanceUID) },
    [TagKey.TransferSyntaxUID]: { vr: 'UI', value: implicit ? IMPLICIT_LE : EXPLICIT_LE },
    [TagKey.ImplementationClassUID]: { vr: 'UI', value: '2.25.900000000000000000000000000000000001' },
    [TagKey.ImplementationVersionName]: { vr: 'SH', value: 'MCWG_CONF' },
    ...opts.meta,
  };
  const metaBody = encodeDataSet(meta, true, false);
  const gl = encodeElement(Tag.FileMetaInformationGroupLength, 'UL', [metaBody.length], true, false);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, gl, metaBody, body]);
}

export function encodeDataSet(ds: WDataSet, explicit: boolean, utf8: boolean): Buffer {
  const entries = Object.entries(ds)
    .map(([k, el]) => [parseTagKey(k), el] as const)
    .filter((e): e is readonly [number, WElement] => e[0] !== undefined)
    .sort((a, b) => a[0] - b[0]);
  return Buffer.concat(entries.map(([tag, el]) => encodeElement(tag, el.vr, el.value, explicit, utf8)));
}

function encodeElement(tag: number, vr: string, value: WValue, explicit: boolean, utf8: boolean): Buffer {
  const v = encodeValue(vr, value, explicit, utf8);
  const long = LONG_VRS.has(vr);
  const head = Buffer.alloc(explicit ? (long ? 12 : 8) : 8);
  head.writeUInt16LE(tag >>> 16, 0);
  head.writeUInt16LE(tag & 0xffff, 2);
  if (!explicit) head.writeUInt32LE(v.length, 4);
  else {
    head.write(vr.slice(0, 2).padEnd(2, ' '), 4, 'latin1');
    if (long) head.writeUInt32LE(v.length, 8);
    else head.writeUInt16LE(Math.min(v.length, 0xffff), 6);
  }
  return Buffer.concat([head, v]);
}

function encodeValue(vr: string, value: WValue, explicit: boolean, utf8: boolean): Buffer {
  if (vr === 'SQ') {
    const items = (Array.isArray(value) ? value : []) as WDataSet[];
    return Buffer.concat(
      items.map((item) => {
        const body = encodeDataSet(item, explicit, utf8);
        const h = Buffer.alloc(8);
        h.writeUInt32LE(0xe000fffe, 0);
        h.writeUInt32LE(body.length, 4);
        return Buffer.concat([h, body]);
      }),
    );
  }
  if (value instanceof Uint8Array) return pad(Buffer.from(value), 0);
  if (vr === 'US' || vr === 'UL' || vr === 'SS' || vr === 'SL') {
    const nums = (Array.isArray(value) ? value : [value]).map(Number);
    const size = vr === 'US' || vr === 'SS' ? 2 : 4;
    const b = Buffer.alloc(nums.length * size);
    nums.forEach((n, i) => (size === 2 ? b.writeUInt16LE(n & 0xffff, i * 2) : b.writeUInt32LE(n >>> 0, i * 4)));
    return b;
  }
  const s = Array.isArray(value) ? value.join('\\') : String(value);
  const textVr = ['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT'].includes(vr);
  return pad(Buffer.from(s, utf8 && textVr ? 'utf8' : 'latin1'), vr === 'UI' ? 0 : 0x20);
}

function pad(b: Buffer, byte: number): Buffer {
  return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.from([byte])]);
}
