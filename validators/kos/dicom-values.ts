// Value syntax per VR (PS3.5 6.2): what each string value of a KOS must look like.
import { uidProblem } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export function isDate(s: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

export function isTime(s: string): boolean {
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(s);
  if (!m) return false;
  if (m[4] && !m[3]) return false;
  return Number(m[1]) < 24 && (m[2] === undefined || Number(m[2]) < 60) && (m[3] === undefined || Number(m[3]) < 61);
}

const MAX_LENGTH: Record<string, number> = { AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, IS: 12, LO: 64, SH: 16, TM: 14, UI: 64, DT: 26 };

/** Why a single value is malformed for its VR, or undefined. */
export function valueProblem(vr: string, value: string): string | undefined {
  const max = MAX_LENGTH[vr];
  if (max !== undefined && value.length > max) return `is ${value.length} characters long (${vr} allows ${max})`;
  switch (vr) {
    case 'UI': {
      const why = uidProblem(value);
      return why === undefined ? undefined : `is not a valid UID: it ${why}`;
    }
    case 'DA':
      return isDate(value) ? undefined : 'is not a DA (YYYYMMDD)';
    case 'TM':
      return isTime(value) ? undefined : 'is not a TM (HHMMSS.FFFFFF)';
    case 'CS':
      return isCodeString(value) ? undefined : 'holds characters other than A-Z, 0-9, space and underscore';
    case 'IS':
      return isIntegerString(value, true) && Math.abs(Number(value)) < 2 ** 31 ? undefined : 'is not an IS integer';
    case 'DS':
      return /^ *[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)? *$/.test(value) ? undefined : 'is not a DS decimal';
    case 'AE':
      return /\\|[\x00-\x1f]/.test(value) ? 'holds a control character or backslash' : undefined;
    case 'UR':
      return /[\s]/.test(value.trim()) ? 'holds white space' : undefined;
    case 'PN':
      return value.split('=').some((g) => g.length > 64) ? 'has a component group longer than 64 characters' : undefined;
    default:
      return undefined;
  }
}

// Character loops, not regular expressions: these run on values of every reference item, and
// a regular expression test allocated on each call in the cold code a single validation runs.

/** /^[A-Z0-9_ ]*$/ */
function isCodeString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x20)) return false;
  }
  return true;
}

/** /^[+-]?\d+$/: an optional sign and at least one ASCII digit; with `spaces`, /^ *[+-]?\d+ *$/. */
export function isIntegerString(s: string, spaces = false): boolean {
  let from = 0;
  let to = s.length;
  if (spaces) {
    while (from < to && s.charCodeAt(from) === 0x20) from++;
    while (to > from && s.charCodeAt(to - 1) === 0x20) to--;
  }
  if (from < to && (s.charCodeAt(from) === 0x2b || s.charCodeAt(from) === 0x2d)) from++;
  if (from === to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The value multiplicity the KOS attributes allow; others are 1. */
export const MULTI_VALUED = new Set([Tag.SpecificCharacterSet, Tag.ImageType]);
