// Patient identifiers across communities: each affinity domain knows the patient under its own
// ID, the initiating gateway queries each with that local ID (ITI TF-2 3.38.4.1.2: the patient
// ID of a cross-gateway query is the responding community's). Rows map a national ID to a
// community-local ID; IDs compare by id and assigning authority OID, not by spelling.
import { parseCx } from '../../protocols/ebrim/index.ts';

export interface XrefRow {
  /** CX of the national (or MPI) identifier: 'id^^^&oid&ISO'. */
  national: string;
  homeCommunityId: string;
  /** CX the community knows the patient by. */
  local: string;
}

export class PatientXref {
  private readonly rows = new Map<string, Map<string, string>>();
  constructor(rows: readonly XrefRow[]) {
    for (const r of rows) {
      const k = key(r.national);
      if (!this.rows.has(k)) this.rows.set(k, new Map());
      this.rows.get(k)!.set(r.homeCommunityId, r.local);
    }
  }
  /** The community-local ID; the national ID itself when the community is known to use it. */
  localId(national: string, home: string): string | undefined {
    return this.rows.get(key(national))?.get(home);
  }
  /** Communities that know the patient, per the table. */
  homesOf(national: string): string[] {
    return [...(this.rows.get(key(national))?.keys() ?? [])];
  }
}

function key(cx: string): string {
  const p = parseCx(cx);
  return `${p.id}|${p.authorityOid || p.assigningAuthority}`;
}
