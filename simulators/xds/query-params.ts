// Stored-query parameter values (ITI TF-2 3.18.4.1.2.3.5): 'text' in single quotes, lists in
// parentheses, numbers bare; several Value elements of one slot are one OR list; a repeated
// slot (only eventCodeList and confidentialityCode) is an AND of such lists.
import type { Slot } from '../../protocols/ebrim/index.ts';
import { xdsError, XdsFailure } from './errors.ts';

export function splitValue(raw: string): string[] {
  let s = raw.trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "'") {
      if (quoted && s[i + 1] === "'") {
        cur += "'";
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length > 0) out.push(cur.trim());
  return out.filter((v) => v !== '');
}

/** A patient ID is an HL7 v2.5 CX (at most 250 characters), quoted in the slot value. */
const MAX_PATIENT_ID = 252;
/** Any other slot value (an OR list of UIDs, codes or times): far above real use. */
const MAX_VALUE = 64 * 1024;

export class Params {
  private readonly byName = new Map<string, string[][]>();
  constructor(slots: readonly Slot[]) {
    // Cheap check before any store work: a value no standard allows is an error, never an empty
    // Success a SUT would read as "no documents" (issue 16: a 1 MB patient ID).
    for (const s of slots) {
      const max = s.name.endsWith('PatientId') ? MAX_PATIENT_ID : MAX_VALUE;
      const long = s.values.find((v) => v.length > max);
      if (long !== undefined)
        throw new XdsFailure([
          xdsError(
            'XDSRegistryError',
            `parameter ${s.name.slice(0, 64)} has a value of ${long.length} characters; at most ${max} are allowed${max === MAX_PATIENT_ID ? ' (HL7 v2.5 CX, 250, quoted)' : ''}`,
          ),
        ]);
    }
    for (const s of slots) {
      const groups = this.byName.get(s.name) ?? [];
      groups.push(s.values.flatMap(splitValue));
      this.byName.set(s.name, groups);
    }
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  /** One OR list; a repeated slot is refused (XDSStoredQueryParamNumber). */
  list(name: string): string[] | undefined {
    const g = this.byName.get(name);
    if (!g) return undefined;
    if (g.length > 1) throw new XdsFailure([xdsError('XDSStoredQueryParamNumber', `parameter ${name} appears ${g.length} times`)]);
    return g[0];
  }
  /** AND of OR lists, for the parameters that may repeat. */
  groups(name: string): string[][] | undefined {
    return this.byName.get(name);
  }
  single(name: string): string | undefined {
    const l = this.list(name);
    if (l && l.length > 1)
      throw new XdsFailure([xdsError('XDSStoredQueryParamNumber', `parameter ${name} takes one value; got ${l.length}`)]);
    return l?.[0];
  }
  required(name: string): string[] {
    const l = this.list(name);
    if (!l || l.length === 0) throw new XdsFailure([xdsError('XDSStoredQueryMissingParam', `required parameter ${name} is missing`)]);
    return l;
  }
  requiredSingle(name: string): string {
    const v = this.single(name);
    if (v === undefined) throw new XdsFailure([xdsError('XDSStoredQueryMissingParam', `required parameter ${name} is missing`)]);
    return v;
  }
  /** Exactly one of these parameters (XDS-017). */
  oneOf(...names: string[]): [string, string[]] {
    const present = names.filter((n) => this.has(n));
    if (present.length === 0) throw new XdsFailure([xdsError('XDSStoredQueryMissingParam', `one of ${names.join(', ')} is required`)]);
    if (present.length > 1)
      throw new XdsFailure([xdsError('XDSStoredQueryParamNumber', `${present.join(' and ')} are mutually exclusive`)]);
    return [present[0]!, this.required(present[0]!)];
  }
}
