import type { DataSet } from '../../../protocols/dicom/data-set.ts';
import { childPath } from '../../../protocols/dicom/data-set.ts';
import { dictionaryVr } from '../../../protocols/dicom/dictionary.ts';
import { decoded } from '../../../protocols/dicom/values.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import { MULTI_VALUED, valueProblem } from '../dicom-values.ts';
import type { KosView } from '../view.ts';

const CHECKED_VRS = new Set(['AE', 'CS', 'DA', 'DS', 'IS', 'LO', 'PN', 'SH', 'TM', 'UI', 'UR']);
const MAX_HITS = 50;

// Every string value of every attribute: VR as in the dictionary, value syntax and length
// for its VR, value multiplicity 1 where the IOD says so. The generic IOD check (KOS-048)
// that dciodvfy also does, done on our side so a vendor sees it without dciodvfy.
export const valueEncoding: Rule<KosView> = {
  id: 'kos.iod.value-encoding',
  reqIds: ['KOS-048'],
  severity: 'error',
  title: 'Every attribute has its dictionary VR, and each value its VR syntax, length and multiplicity',
  check(v) {
    const hits: RuleHit[] = [];
    walk(v, v.root, hits, new Map());
    if (hits.length > MAX_HITS) {
      const n = hits.length - MAX_HITS;
      hits.length = MAX_HITS;
      hits.push({ path: '', message: `${n} more value encoding problem(s) not listed` });
    }
    return hits;
  },
};

// Index loops throughout: the walk visits every element of every reference item once, cold,
// where for-of allocates an iterator and a result per step. `good` holds, per tag, the last
// single value found well formed for the tag's dictionary VR: reference items repeat the
// same class UID, relationship and value type thousands of times (the reader hands out one
// string for a repeated value), and the answer for a (VR, value) pair never changes.
function walk(v: KosView, ds: DataSet, hits: RuleHit[], good: Map<number, string>): void {
  const els = ds.elements.list();
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    if (hits.length > MAX_HITS) return;
    if (el.items) {
      for (let k = 0; k < el.items.length; k++) walk(v, el.items[k]!, hits, good);
      continue;
    }
    const group = el.tag >>> 16;
    if (group % 2 === 1 || group === 0x0002 || group === 0xfffe) continue;
    const dvr = dictionaryVr(el.tag);
    if (dvr !== 'UN' && dvr !== el.vr && !(dvr === 'OB' && el.vr === 'OW') && !(el.vr === 'UN')) {
      hits.push({ path: childPath(ds.path, el.tag), message: `VR is ${el.vr}; the DICOM dictionary gives ${dvr}` });
      continue;
    }
    if (!CHECKED_VRS.has(el.vr)) continue;
    const vals = decoded(v.file, el);
    if (typeof vals === 'string') {
      if (vals === '' || (el.vr === dvr && good.get(el.tag) === vals)) continue;
      if (checkValue(ds, el.tag, el.vr, vals, hits) && el.vr === dvr) good.set(el.tag, vals);
      continue;
    }
    if (!MULTI_VALUED.has(el.tag))
      hits.push({ path: childPath(ds.path, el.tag), message: `holds ${vals.length} values; this attribute takes one` });
    for (let k = 0; k < vals.length; k++) if (vals[k] !== '') checkValue(ds, el.tag, el.vr, vals[k]!, hits);
  }
}

/** Flags a malformed value; true when it is well formed. */
function checkValue(ds: DataSet, tag: number, vr: string, value: string, hits: RuleHit[]): boolean {
  const why = valueProblem(vr, value);
  if (why)
    hits.push({ path: childPath(ds.path, tag), message: `${vr} value '${value.length > 80 ? `${value.slice(0, 80)}…` : value}' ${why}` });
  return why === undefined;
}
