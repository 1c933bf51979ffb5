// VR and keyword lookups from dcmjs's dictionary (generated from PS3.6), loaded lazily: only
// implicit VR data sets and messages need it.
import { createRequire } from 'node:module';
import { tagKey } from './data-set.ts';
import { TAG_VRS } from './tags.generated.ts';

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

// The VRs of the tags the project names (generated from the same dictionary by
// scripts/generate-dicom-tags.ts; they cover every attribute a KOS uses), so the common case
// needs no dictionary load.
const vrCache = new Map<number, string>(TAG_VRS);

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
