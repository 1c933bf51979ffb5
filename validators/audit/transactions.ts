// What an audit message must contain for each transaction: the IHE ITI TF-2 audit tables
// (§3.18.5.1, §3.38.4.1.4, §3.39.4.1.4, §3.41.5.1, §3.42.5.1, §3.43.5.1, §3.65.5.1, §3.66.5.1,
// §3.67.5.1, §3.68.5.1), RAD TF-3 §4.68.4.1.4 / §4.69.4.1.4 / §4.75.4.1.4 (which follow ITI-41 /
// ITI-43, the study in place of the document for RAD-69 and RAD-75), and DICOM PS3.15 A.5.3
// "DICOM Instances Transferred" /
// "Begin Transferring DICOM Instances" for WADO-RS retrieves (RAD-107). Each side of a
// transaction audits it: the sender as Export, the receiver as Import; queries as Query.
import { EVENT, ID_TYPE, transactionCode, type Code } from './codes.ts';
import type { AuditCtx, AuditView } from './view.ts';

export type ObjectKind = 'patient' | 'submissionSet' | 'document' | 'study' | 'query';

export interface ObjectSpec {
  typeCode: string;
  typeCodeRole: string;
  /** undefined for 'query': its ID type is the transaction's own code. */
  idType?: Code;
  label: string;
}

export const OBJECTS: Record<ObjectKind, ObjectSpec> = {
  patient: { typeCode: '1', typeCodeRole: '1', idType: ID_TYPE.patient, label: 'Patient' },
  submissionSet: { typeCode: '2', typeCodeRole: '20', idType: ID_TYPE.submissionSet, label: 'SubmissionSet' },
  document: { typeCode: '2', typeCodeRole: '3', idType: ID_TYPE.document, label: 'Document' },
  study: { typeCode: '2', typeCodeRole: '3', idType: ID_TYPE.study, label: 'Study' },
  query: { typeCode: '2', typeCodeRole: '24', label: 'Query Parameters' },
};

export interface AuditSpec {
  transaction: string;
  /** EventIDs either side may use. */
  events: Code[];
  /** EventTypeCode; absent for the DICOM transfer events, which carry none. */
  typeCode?: Code;
  /** Which active participant started the exchange (UserIsRequestor="true"). */
  requestor: 'source' | 'destination';
  required: ObjectKind[];
  optional: ObjectKind[];
}

const push = (tx: string, name: string): AuditSpec => ({
  transaction: tx,
  events: [EVENT.export, EVENT.import],
  typeCode: transactionCode(tx, name),
  requestor: 'source',
  required: ['patient', 'submissionSet'],
  optional: [],
});

const retrieve = (tx: string, name: string, object: ObjectKind): AuditSpec => ({
  transaction: tx,
  events: [EVENT.export, EVENT.import],
  typeCode: transactionCode(tx, name),
  // The data flows from the responder (source) to the requesting consumer (destination).
  requestor: 'destination',
  required: [object],
  optional: ['patient'],
});

const query = (tx: string, name: string): AuditSpec => ({
  transaction: tx,
  events: [EVENT.query],
  typeCode: transactionCode(tx, name),
  requestor: 'source',
  required: ['query'],
  optional: ['patient'],
});

export const AUDIT_SPECS: Record<string, AuditSpec> = {
  'ITI-18': query('ITI-18', 'Registry Stored Query'),
  // XCA: the gateways audit ITI-38 as ITI-18 and ITI-39 as ITI-43, with their own type codes.
  'ITI-38': query('ITI-38', 'Cross Gateway Query'),
  'ITI-39': retrieve('ITI-39', 'Cross Gateway Retrieve', 'document'),
  'ITI-41': push('ITI-41', 'Provide and Register Document Set-b'),
  // ITI TF-2 §3.42.5.1: the Document Repository exports (source, requestor), the Registry imports.
  'ITI-42': push('ITI-42', 'Register Document Set-b'),
  'ITI-43': retrieve('ITI-43', 'Retrieve Document Set', 'document'),
  'RAD-68': push('RAD-68', 'Provide and Register Imaging Document Set – MTOM/XOP'),
  // RAD TF-3 §4.69.4.1.4: ITI-43's table with one Study object (ID type 110180) per study retrieved.
  'RAD-69': retrieve('RAD-69', 'Retrieve Imaging Document Set', 'study'),
  // RAD TF-3 §4.75.4.1.4: RAD-69's table across communities.
  'RAD-75': retrieve('RAD-75', 'Cross Gateway Retrieve Imaging Document Set', 'study'),
  'ITI-65': push('ITI-65', 'Provide Document Bundle'),
  // ITI TF-2 §3.66.5.1 and §3.67.5.1: the query object carries the search as sent.
  'ITI-66': query('ITI-66', 'Find Document Lists'),
  'ITI-67': query('ITI-67', 'Find Document References'),
  'ITI-68': retrieve('ITI-68', 'Retrieve Document', 'document'),
  // WADO-RS retrieve: DICOM's own events, patient and study both required (PS3.15 A.5.3.3, A.5.3.2).
  'RAD-107': {
    transaction: 'RAD-107',
    events: [EVENT.instancesTransferred, EVENT.beginTransferring],
    requestor: 'destination',
    required: ['patient', 'study'],
    optional: [],
  },
};

/** The spec to check against: the one asked for, else the one the message names. */
export function specFor(
  transaction: string | undefined,
  typeCodes: readonly Code[] | readonly { code: string; codeSystemName: string }[],
  eventId: string | undefined,
): AuditSpec | undefined {
  if (transaction) return AUDIT_SPECS[transaction];
  for (const t of typeCodes) if (t.codeSystemName === 'IHE Transactions' && AUDIT_SPECS[t.code]) return AUDIT_SPECS[t.code];
  if (eventId === EVENT.instancesTransferred.code || eventId === EVENT.beginTransferring.code) return AUDIT_SPECS['RAD-107'];
  return undefined;
}

/** The event and the audit table that apply to this message, or undefined when no table does (the per-transaction rules then say nothing). */
export function tableOf(
  view: AuditView,
  ctx: AuditCtx,
): { ev: NonNullable<AuditView['event']>; spec: NonNullable<ReturnType<typeof specFor>> } | undefined {
  const ev = view.event;
  if (!ev) return undefined;
  const spec = specFor(ctx.transaction, ev.typeCodes, ev.id?.code);
  return spec ? { ev, spec } : undefined;
}
