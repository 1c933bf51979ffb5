// HL7 v2.5 data type checks (Chapter 2A) for the fields MCWG relies on.
import { component, repetitions, segmentsNamed, type Hl7Message } from '../../protocols/hl7v2/message.ts';

/** TS / DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]. */
const TS =
  /^\d{4}(?:(?:0[1-9]|1[0-2])(?:(?:0[1-9]|[12]\d|3[01])(?:(?:[01]\d|2[0-3])(?:[0-5]\d(?:[0-5]\d(?:\.\d{1,4})?)?)?)?)?)?(?:[+-](?:[01]\d|2[0-3])[0-5]\d)?$/;

export function isTimestamp(v: string): boolean {
  return TS.test(v);
}

/** ISO OID as HL7 universal IDs of type ISO carry it. */
export function isOid(v: string): boolean {
  return /^[0-2](?:\.(?:0|[1-9]\d*))+$/.test(v);
}

/** DICOM UID: an OID of at most 64 characters. */
export function isDicomUid(v: string): boolean {
  return v.length <= 64 && isOid(v);
}

/** EI: entity identifier ^ namespace ID ^ universal ID ^ universal ID type. */
export interface Ei {
  id: string;
  namespace: string;
  universalId: string;
  universalIdType: string;
}

export function readEi(msg: Hl7Message, raw: string): Ei {
  return {
    id: component(msg, raw, 1),
    namespace: component(msg, raw, 2),
    universalId: component(msg, raw, 3),
    universalIdType: component(msg, raw, 4),
  };
}

/** An EI names its assigning authority: a namespace, or a universal ID with its type (an OID for ISO). */
export function eiIssuerProblem(ei: Ei): string | undefined {
  if (ei.universalId || ei.universalIdType) {
    if (!ei.universalId || !ei.universalIdType) return 'universal ID and its type must come together';
    if (ei.universalIdType === 'ISO' && !isOid(ei.universalId)) return `universal ID ${JSON.stringify(ei.universalId)} is not an OID`;
    return undefined;
  }
  return ei.namespace ? undefined : 'no namespace ID or universal ID';
}

export interface Cx {
  id: string;
  /** CX.4 assigning authority (HD): namespace & universal ID & type. */
  namespace: string;
  oid: string;
  oidType: string;
  /** CX.5 identifier type code (table 0203). */
  type: string;
}

/** Every PID-3 repetition. */
export function patientIds(msg: Hl7Message): Cx[] {
  const pid = segmentsNamed(msg, 'PID')[0];
  return repetitions(msg, pid, 3).map((r) => ({
    id: component(msg, r, 1),
    namespace: component(msg, r, 4, 1),
    oid: component(msg, r, 4, 2),
    oidType: component(msg, r, 4, 3),
    type: component(msg, r, 5),
  }));
}

/** First value of a field in the first segment of that name, raw (escaped) repetition. */
export function firstRep(msg: Hl7Message, segment: string, field: number): string {
  return repetitions(msg, segmentsNamed(msg, segment)[0], field)[0] ?? '';
}
