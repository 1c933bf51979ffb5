// What the Audit Record Repository accepts, as a table like the MLLP kit's: syslog MSGID ->
// how the MSG is read and checked. IHE ITI TF-2 3.20.7.1 names 'IHE+RFC-3881' for DICOM audit
// XML (PS3.15 A.5); nothing else is an audit message to this repository.
import type { Finding } from '../../model/finding.ts';
import { readAudit, validateAudit, type AuditView } from '../../validators/audit/index.ts';
import { tableOf } from '../../validators/audit/transactions.ts';

export const AUDIT_TRANSACTION = 'ITI-20';

export interface AuditReading {
  xml: string;
  view: AuditView;
  /** The transaction whose IHE audit table the message follows, when one does. */
  audited?: string;
  findings: Finding[];
}

export interface AuditRow {
  msgId: string;
  format: string;
  read(msg: Uint8Array, artefact: string): AuditReading;
}

function readDicomAudit(msg: Uint8Array, artefact: string): AuditReading {
  const xml = new TextDecoder().decode(msg);
  const view = readAudit(msg);
  const findings = validateAudit(msg, artefact);
  const table = view.parseError ? undefined : tableOf(view, {});
  if (!view.parseError && view.event && !table)
    findings.push({
      ruleId: 'audit.event.unknown',
      reqIds: ['SEC-003'],
      severity: 'warning',
      message: `EventID ${view.event.id ? `(${view.event.id.code}, ${view.event.id.codeSystemName})` : 'none'} with EventTypeCode [${view.event.typeCodes.map((t) => `${t.code}/${t.codeSystemName}`).join(', ')}] names none of the audited transactions (ITI-18/41/43, RAD-68/69, ITI-65/67/68, RAD-107)`,
      location: { artefact, path: '/AuditMessage/EventIdentification' },
    });
  return { xml, view, ...(table ? { audited: table.spec.transaction } : {}), findings };
}

export const AUDIT_TABLE: readonly AuditRow[] = [
  { msgId: 'IHE+RFC-3881', format: 'DICOM PS3.15 A.5 audit message (XML)', read: readDicomAudit },
];

/** The row for a MSGID; other MSGIDs are read as DICOM audit XML with a warning (many loggers send '-'). */
export function rowFor(msgId: string | null): { row: AuditRow; known: boolean } {
  const row = AUDIT_TABLE.find((r) => r.msgId === msgId);
  return row ? { row, known: true } : { row: AUDIT_TABLE[0]!, known: false };
}
