// The MCWG identifiers of a report or order message in plain values (RIS-006, RIS-007,
// RIS-008): what the gateway copies into metadata and what linkage compares to the manifest.
import { component, parsePath, repetitions, segmentsNamed, valueAt, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import { isDicomUid, patientIds, readEi, type Cx, type Ei } from './datatypes.ts';

export interface ReportIds {
  patientIds: Cx[];
  placer?: Ei;
  filler?: Ei;
  accession?: Ei;
  /** Study Instance UIDs with where each was found. */
  studyUids: { uid: string; path: string }[];
}

/** `agreedIssuerOid`: the deployment's accession issuer, stands in when the field carries none (ST). */
export function reportIds(msg: Hl7Message, accessionField: string, agreedIssuerOid?: string): ReportIds {
  const obrOrTxa = (obrField: number, txaField: number): Ei | undefined => {
    const raw = rawAt(msg, `OBR-${obrField}`) || rawAt(msg, `TXA-${txaField}`) || rawAt(msg, `ORC-${obrField}`);
    return raw ? readEi(msg, raw) : undefined;
  };
  const accRaw = rawAt(msg, accessionField) || rawAt(msg, 'IPC-1');
  return {
    patientIds: patientIds(msg),
    ...opt('placer', obrOrTxa(2, 14)),
    ...opt('filler', obrOrTxa(3, 15)),
    ...opt('accession', accRaw ? withAgreedIssuer(readEi(msg, accRaw), agreedIssuerOid) : undefined),
    studyUids: studyUids(msg),
  };
}

function withAgreedIssuer(ei: Ei, oid: string | undefined): Ei {
  return oid && !ei.universalId ? { ...ei, universalId: oid, universalIdType: 'ISO' } : ei;
}

function opt<K extends string>(key: K, v: Ei | undefined): { [P in K]?: Ei } {
  return (v ? { [key]: v } : {}) as { [P in K]?: Ei };
}

/** Raw first repetition at 'SEG-n'. */
export function rawAt(msg: Hl7Message, path: string): string {
  const p = parsePath(path);
  return repetitions(msg, segmentsNamed(msg, p.segment)[p.occurrence - 1], p.field)[p.repetition - 1] ?? '';
}

/** ZDS-1.1, IPC-3.1, or OBX coded (110180, DCM) "Study Instance UID" (RIS-007). */
export function studyUids(msg: Hl7Message): { uid: string; path: string }[] {
  const out: { uid: string; path: string }[] = [];
  segmentsNamed(msg, 'ZDS').forEach((_, i) => out.push({ uid: valueAt(msg, `ZDS[${i + 1}]-1.1`), path: `ZDS[${i + 1}]-1.1` }));
  segmentsNamed(msg, 'IPC').forEach((_, i) => out.push({ uid: valueAt(msg, `IPC[${i + 1}]-3.1`), path: `IPC[${i + 1}]-3.1` }));
  segmentsNamed(msg, 'OBX').forEach((seg, i) => {
    const code = repetitions(msg, seg, 3)[0] ?? '';
    if (component(msg, code, 1) === '110180' && component(msg, code, 3) === 'DCM')
      out.push({ uid: valueAt(msg, `OBX[${i + 1}]-5`), path: `OBX[${i + 1}]-5` });
  });
  return out;
}

export function validStudyUids(ids: ReportIds): string[] {
  return ids.studyUids.map((s) => s.uid).filter(isDicomUid);
}
