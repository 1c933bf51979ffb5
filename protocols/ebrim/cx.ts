// HL7 v2 CX / CXi as used in XDS (ITI TF-3 4.2.3.1.7): id^^^&OID&ISO[^type].
export interface Cx {
  id: string;
  /** CX.4 as written. */
  assigningAuthority: string;
  /** CX.4.2 universal id (an OID) and CX.4.3 its type (ISO). */
  authorityOid: string;
  authorityType: string;
  /** CX.5 identifier type code (CXi: a URN). */
  type: string;
  components: string[];
}

export function parseCx(value: string): Cx {
  const components = value.split('^');
  const aa = components[3] ?? '';
  const sub = aa.split('&');
  return {
    id: components[0] ?? '',
    assigningAuthority: aa,
    authorityOid: sub[1] ?? '',
    authorityType: sub[2] ?? '',
    type: components[4] ?? '',
    components,
  };
}

export const parseCxi = parseCx;
