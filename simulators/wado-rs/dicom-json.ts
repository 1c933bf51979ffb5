// A parsed header as DICOM JSON (PS3.18 F.2) for metadata and QIDO-RS answers. Binary values
// (OB, OW, UN, …) are left out: MCWG needs no bulk data, and a consumer must not depend on it.
import type { DataSet, Element, Part10 } from '../../protocols/dicom/data-set.ts';
import { tagKey } from '../../protocols/dicom/data-set.ts';
import { values } from '../../protocols/dicom/values.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

const BINARY = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const INT_VRS: Record<string, [number, (dv: DataView, o: number) => number]> = {
  US: [2, (dv, o) => dv.getUint16(o, true)],
  SS: [2, (dv, o) => dv.getInt16(o, true)],
  UL: [4, (dv, o) => dv.getUint32(o, true)],
  SL: [4, (dv, o) => dv.getInt32(o, true)],
  FL: [4, (dv, o) => dv.getFloat32(o, true)],
  FD: [8, (dv, o) => dv.getFloat64(o, true)],
};

export function toDicomJson(f: Part10, ds: DataSet = f.dataSet, only?: ReadonlySet<number>): DicomJson {
  const out: DicomJson = {};
  for (const [tag, el] of ds.elements) {
    if (only && !only.has(tag)) continue;
    if ((tag & 0xffff) === 0 || tag === Tag.PixelData) continue; // group lengths, pixel data
    const key = tagKey(tag).replace(/[(),]/g, '');
    out[key] = element(f, el);
  }
  return out;
}

function element(f: Part10, el: Element): { vr: string; Value?: unknown[] } {
  if (el.items) return { vr: 'SQ', Value: el.items.map((it) => toDicomJson(f, it)) };
  if (BINARY.has(el.vr) || el.truncated) return { vr: el.vr };
  const num = INT_VRS[el.vr];
  if (num) {
    const [size, get] = num;
    const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset + el.valueOffset, Math.min(el.length, f.bytes.length - el.valueOffset));
    const vals: number[] = [];
    for (let o = 0; o + size <= dv.byteLength; o += size) vals.push(get(dv, o));
    return vals.length ? { vr: el.vr, Value: vals } : { vr: el.vr };
  }
  const vs = values(f, el);
  if (vs.length === 0) return { vr: el.vr };
  if (el.vr === 'PN') return { vr: el.vr, Value: vs.map((v) => (v ? { Alphabetic: v } : null)) };
  if (el.vr === 'IS' || el.vr === 'DS') return { vr: el.vr, Value: vs.map((v) => (v === '' ? null : Number(v))) };
  return { vr: el.vr, Value: vs.map((v) => (v === '' ? null : v)) };
}
