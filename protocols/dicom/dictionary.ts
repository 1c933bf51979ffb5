// VR and keyword lookups from dcmjs's dictionary (generated from PS3.6), loaded lazily: only
// implicit VR data sets and messages need it.
import { createRequire } from 'node:module';
import { tagKey } from './data-set.ts';

interface DictEntry {
  vr?: string;
  name?: string;
}

let dict: Record<string, DictEntry | undefined> | undefined;

function dictionary(): Record<string, DictEntry | undefined> {
  if (!dict) {
    const require = createRequire(import.meta.url);
    const dcmjs = require('dcmjs') as { data: { DicomMetaDictionary: { dictionary: Record<string, DictEntry | undefined> } } };
    dict = dcmjs.data.DicomMetaDictionary.dictionary;
  }
  return dict;
}

// The VRs of the attributes a KOS uses (PS3.6), so the common case needs no dictionary load.
const KOS_VRS = new Map<number, string>([
  [0x00020000, 'UL'], [0x00020001, 'OB'], [0x00020002, 'UI'], [0x00020003, 'UI'], [0x00020010, 'UI'],
  [0x00020012, 'UI'], [0x00020013, 'SH'], [0x00020016, 'AE'], [0x00080005, 'CS'], [0x00080008, 'CS'],
  [0x00080012, 'DA'], [0x00080013, 'TM'], [0x00080016, 'UI'], [0x00080018, 'UI'], [0x00080020, 'DA'],
  [0x00080021, 'DA'], [0x00080023, 'DA'], [0x00080030, 'TM'], [0x00080031, 'TM'], [0x00080033, 'TM'],
  [0x00080050, 'SH'], [0x00080051, 'SQ'], [0x00080054, 'AE'], [0x00080060, 'CS'], [0x00080070, 'LO'],
  [0x00080080, 'LO'], [0x00080090, 'PN'], [0x00080100, 'SH'], [0x00080102, 'SH'], [0x00080103, 'SH'],
  [0x00080104, 'LO'], [0x00080105, 'CS'], [0x00080201, 'SH'], [0x00081030, 'LO'], [0x00081032, 'SQ'],
  [0x0008103e, 'LO'], [0x00081110, 'SQ'], [0x00081111, 'SQ'], [0x00081115, 'SQ'], [0x00081150, 'UI'],
  [0x00081155, 'UI'], [0x00081160, 'IS'], [0x00081190, 'UR'], [0x00081199, 'SQ'], [0x00081250, 'SQ'],
  [0x00100010, 'PN'], [0x00100020, 'LO'], [0x00100021, 'LO'], [0x00100022, 'CS'], [0x00100024, 'SQ'],
  [0x00100030, 'DA'], [0x00100040, 'CS'], [0x00101002, 'SQ'], [0x0020000d, 'UI'], [0x0020000e, 'UI'],
  [0x00200010, 'SH'], [0x00200011, 'IS'], [0x00200013, 'IS'], [0x00280008, 'IS'], [0x00321060, 'LO'],
  [0x00321064, 'SQ'], [0x00400026, 'SQ'], [0x00400032, 'UT'], [0x00400033, 'CS'], [0x00400275, 'SQ'],
  [0x00401001, 'SH'], [0x00402016, 'LO'], [0x00402017, 'LO'], [0x0040a010, 'CS'], [0x0040a040, 'CS'],
  [0x0040a043, 'SQ'], [0x0040a050, 'CS'], [0x0040a160, 'UT'], [0x0040a170, 'SQ'], [0x0040a370, 'SQ'],
  [0x0040a375, 'SQ'], [0x0040a504, 'SQ'], [0x0040a730, 'SQ'], [0x0040db00, 'CS'], [0x0040e011, 'UI'],
]);

const vrCache = new Map<number, string>(KOS_VRS);

/** The dictionary VR of a tag ('UN' when unknown or when it depends on context, as 'US or SS'). */
export function dictionaryVr(tag: number): string {
  let vr = vrCache.get(tag);
  if (vr === undefined) {
    vr = lookupVr(tag);
    vrCache.set(tag, vr);
  }
  return vr;
}

function lookupVr(tag: number): string {
  const g = tag >>> 16;
  if ((tag & 0xffff) === 0) return 'UL';
  if (g % 2 === 1) return (tag & 0xff00) === 0 && (tag & 0xffff) >= 0x10 ? 'LO' : 'UN';
  const vr = dictionary()[tagKey(tag)]?.vr;
  // 'ox' (OB or OW), 'xs' (US or SS) and the like depend on context: no single answer.
  if (!vr || vr === 'NONE' || !/^[A-Z]{2}$/.test(vr)) return 'UN';
  return vr;
}

export function keywordOf(tag: number): string | undefined {
  return dictionary()[tagKey(tag)]?.name;
}
