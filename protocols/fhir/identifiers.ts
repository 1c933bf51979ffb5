// CX / CXi <-> FHIR Identifier per ITI TF-2 Appendix Z.9.1.2: value = CX.1, system =
// urn:oid:<CX.4.2>, type = coding urn:ietf:rfc:3986 | <CXi.5 URN>.
import type { Identifier } from 'fhir/r4.js';
import { parseCx } from '../ebrim/cx.ts';

export const RFC3986 = 'urn:ietf:rfc:3986';

export function cxToIdentifier(cx: string): Identifier {
  const c = parseCx(cx);
  return { ...(c.authorityOid ? { system: `urn:oid:${c.authorityOid}` } : {}), value: c.id };
}

export function cxiToIdentifier(cxi: string): Identifier {
  const c = parseCx(cxi);
  return { ...(c.type ? { type: { coding: [{ system: RFC3986, code: c.type }] } } : {}), ...cxToIdentifier(cxi) };
}

export function identifierToCx(id: Identifier): string {
  const oid = id.system?.startsWith('urn:oid:') ? id.system.slice(8) : '';
  return `${id.value ?? ''}^^^${oid ? `&${oid}&ISO` : ''}`;
}

export function identifierToCxi(id: Identifier): string {
  const type = id.type?.coding?.find((c) => c.system === RFC3986)?.code ?? id.type?.coding?.[0]?.code ?? '';
  // The study UID may also come as system urn:dicom:uid, value urn:oid:<uid> (spec/transactions.md).
  if (id.system === 'urn:dicom:uid') return `${(id.value ?? '').replace(/^urn:oid:/, '')}^^^^urn:ihe:iti:xds:2016:studyInstanceUID`;
  return `${identifierToCx(id)}^${type}`;
}
