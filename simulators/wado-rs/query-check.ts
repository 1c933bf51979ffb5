// QIDO-RS query parameters checked before any search (PS3.18 8.3.4, PS3.4 C.2.2.2): a value the
// standard does not allow is a 400 naming the parameter, never an empty 200 that a SUT would
// read as "no match". Unknown keys stay ignored (PS3.18 8.3.4.1 lets a server do so).
import { errors, isValidUid, type DicomWebError } from '../../protocols/dicomweb/index.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

/** Largest limit/offset taken: far above any store here, small enough to stay an exact integer. */
const MAX_COUNT = 1_000_000_000;

const UID_KEYS = new Set([
  'StudyInstanceUID',
  JsonTag.StudyInstanceUID,
  'SeriesInstanceUID',
  JsonTag.SeriesInstanceUID,
  'SOPInstanceUID',
  JsonTag.SOPInstanceUID,
  'SOPClassUID',
  JsonTag.SOPClassUID,
]);
const DATE_KEYS = new Set(['StudyDate', JsonTag.StudyDate]);
/** PS3.5 6.2 maximum value lengths of the string keys we match on (LO 64, SH 16, CS 16). */
const MAX_LENGTH: Record<string, number> = {
  PatientID: 64,
  [JsonTag.PatientID]: 64,
  AccessionNumber: 16,
  [JsonTag.AccessionNumber]: 16,
  Modality: 16,
  [JsonTag.Modality]: 16,
};

export function checkQuery(query: Record<string, string | string[]> | undefined): DicomWebError | undefined {
  for (const [key, raw] of Object.entries(query ?? {})) {
    for (const v of [raw].flat()) {
      const bad = checkOne(key, v);
      if (bad) return { status: 400, message: `invalid query parameter ${key.slice(0, 64)}=${JSON.stringify(v.slice(0, 80))}: ${bad}` };
    }
  }
  return undefined;
}

function checkOne(key: string, v: string): string | undefined {
  if (key === 'limit' || key === 'offset')
    return /^\d{1,10}$/.test(v) && Number(v) <= MAX_COUNT ? undefined : `a non-negative integer up to ${MAX_COUNT} is required`;
  if (key === 'fuzzymatching') return v === 'true' || v === 'false' ? undefined : 'true or false is required';
  if (UID_KEYS.has(key)) return v.split(',').every((u) => isValidUid(u)) ? undefined : errors.badUid(key, v).message;
  if (DATE_KEYS.has(key)) return isDateMatch(v) ? undefined : 'a DA value YYYYMMDD or a range YYYYMMDD-YYYYMMDD is required';
  const max = MAX_LENGTH[key];
  if (max !== undefined && v.split(',').some((s) => s.length > max)) return `a value longer than ${max} characters`;
  return undefined;
}

/** Single date or range (either end may be open), each a real calendar date. */
function isDateMatch(v: string): boolean {
  const m = /^(\d{8})?(-)?(\d{8})?$/.exec(v);
  if (!m || (!m[1] && !m[3])) return false;
  if (m[3] && !m[2]) return false;
  return [m[1], m[3]].every((d) => d === undefined || isDate(d));
}

function isDate(d: string): boolean {
  const y = Number(d.slice(0, 4));
  const mo = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const t = new Date(Date.UTC(y, mo - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === day;
}
