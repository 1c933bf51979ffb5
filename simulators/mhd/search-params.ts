// Search parameters shared by ITI-66 and ITI-67: the raw query as name -> values (a repeated
// parameter is AND, a comma inside one value is OR; FHIR R4 search.html#combining), patient
// and status, token values turned into XDS code keys.
import { identifierToCx, type SystemTable } from '../../protocols/fhir/index.ts';
import type { EntryStatus } from '../store/types.ts';
import { cxOfPatientId } from './ids.ts';
import { MhdFailure } from './outcomes.ts';

export type SearchQuery = ReadonlyMap<string, readonly string[]>;

/** Parses a URL query or a form body; `name:modifier` keys stay as written. */
export function searchQuery(params: URLSearchParams): Map<string, string[]> {
  const q = new Map<string, string[]>();
  for (const [k, v] of params) {
    const list = q.get(k) ?? [];
    list.push(v);
    q.set(k, list);
  }
  return q;
}

/** Values of one parameter: AND groups of OR values. */
export function groups(q: SearchQuery, name: string): string[][] | undefined {
  const raw = q.get(name);
  if (!raw) return undefined;
  return raw.map((v) => splitOr(v)).filter((g) => g.length > 0);
}

/** Splits on commas not escaped with a backslash. */
function splitOr(v: string): string[] {
  return v
    .split(/(?<!\\),/)
    .map((s) => s.replace(/\\,/g, ',').trim())
    .filter((s) => s.length > 0);
}

export function bad(diagnostics: string, expression: string): MhdFailure {
  return new MhdFailure(400, [{ code: 'invalid', diagnostics, expression }]);
}

/** patient (a Patient reference) or patient.identifier (system|value): exactly one patient, as CX. */
export function patientCx(q: SearchQuery, element: string): string {
  const ref = groups(q, 'patient')?.flat() ?? [];
  const ids = [...(groups(q, 'patient.identifier')?.flat() ?? []), ...(groups(q, 'subject.identifier')?.flat() ?? [])];
  const cxs = new Set<string>();
  for (const r of ref) {
    const id = /(?:^|\/)(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(r)?.[1];
    const cx = id ? cxOfPatientId(id) : undefined;
    if (!cx)
      throw bad(`patient ${JSON.stringify(r)} is not a Patient known here (ids are <assigning authority OID>-<patient id>)`, element);
    cxs.add(cx);
  }
  for (const t of ids) {
    const [system, value] = t.includes('|') ? [t.slice(0, t.indexOf('|')), t.slice(t.indexOf('|') + 1)] : ['', t];
    if (!system.startsWith('urn:oid:') || !value)
      throw bad(`patient.identifier ${JSON.stringify(t)} must be urn:oid:<assigning authority>|<id>`, element);
    cxs.add(identifierToCx({ system, value }));
  }
  if (cxs.size === 0) throw bad('the search needs patient or patient.identifier (ITI-67/ITI-66)', element);
  if (cxs.size > 1) throw bad('the search names more than one patient', element);
  return [...cxs][0]!;
}

const STATUS: Record<string, EntryStatus | null> = { current: 'Approved', superseded: 'Deprecated', 'entered-in-error': null };

/** status is required (MHD-011); entered-in-error exists in FHIR but never in XDS, so it matches nothing. */
export function statuses(q: SearchQuery, element: string, words: Record<string, EntryStatus | null> = STATUS): EntryStatus[] {
  const gs = groups(q, 'status');
  if (!gs?.length) throw bad('the search needs status (for example status=current)', element);
  let result: Set<EntryStatus> | undefined;
  for (const g of gs) {
    const set = new Set<EntryStatus>();
    for (const w of g) {
      if (!(w in words)) throw bad(`status ${JSON.stringify(w)} is not one of ${Object.keys(words).join(', ')}`, element);
      const s = words[w];
      if (s) set.add(s);
    }
    result = result ? new Set([...result].filter((s) => set.has(s))) : set;
  }
  return [...(result ?? [])];
}

export interface Token {
  system?: string;
  code: string;
}

export function token(v: string): Token {
  const i = v.indexOf('|');
  if (i < 0) return { code: v };
  const system = v.slice(0, i);
  return system ? { system, code: v.slice(i + 1) } : { code: v.slice(i + 1) };
}

/**
 * One OR group of tokens -> XDS code keys (code^^^scheme). A token without a system may be
 * in any known scheme, or in `fallback` (e.g. DCM for modality).
 */
export function codeKeys(group: readonly string[], systems: SystemTable, knownSchemes: readonly string[], fallback?: string): string[] {
  const keys = new Set<string>();
  for (const v of group) {
    const t = token(v);
    if (t.system) keys.add(`${t.code}^^^${systems.toCodingScheme(t.system)}`);
    else for (const s of fallback ? [fallback] : knownSchemes) keys.add(`${t.code}^^^${s}`);
  }
  return [...keys];
}
