// Builds the DICOM PS3.15 A.5 audit message an actor sends for one exchange it took part in,
// following the IHE audit tables of validators/audit/transactions.ts (the same table the
// receiver checks against, so a builder bug shows up as a validation finding in our tests).
// `side` is the audit writer's part in the data flow: the Source exports, the Destination
// imports; either side of a query audits it as Query.
import { ACTIONS_FOR_EVENT, EVENT, ROLE, type Code } from '../../validators/audit/codes.ts';
import { AUDIT_SPECS, OBJECTS, type ObjectKind } from '../../validators/audit/transactions.ts';
import type { AuditFacts } from './facts.ts';

export type AuditSide = 'source' | 'destination';

export interface BuildOptions {
  /** The audit writer's side of the data flow. */
  side: AuditSide;
  /** AuditSourceID: the system that writes the audit. */
  auditSourceId: string;
  /** A one-change fault for the broken reference variants; never set otherwise. */
  fault?: 'wrong-event-id' | 'wrong-patient' | 'wrong-study';
}

const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const code = (tag: string, c: Code) =>
  `<${tag} csd-code="${x(c.code)}" codeSystemName="${x(c.codeSystemName)}" originalText="${x(c.originalText)}"/>`;

/** The audit XML, or undefined when the transaction has no audit table. */
export function buildAudit(f: AuditFacts, o: BuildOptions): string | undefined {
  const spec = AUDIT_SPECS[f.transaction];
  if (!spec) return undefined;
  const event = eventFor(f.transaction, o.side);
  // The fault swaps in another event of the table's vocabulary (Query, or Export for a query).
  const eventId = o.fault === 'wrong-event-id' ? (event.code === EVENT.query.code ? EVENT.export : EVENT.query) : event;
  const action = ACTIONS_FOR_EVENT[event.code]?.[0] ?? 'E';
  // The requestor started the exchange: its URL is `from`; the data source is `to` for retrieves.
  const [sourceUrl, destUrl] = spec.requestor === 'source' ? [f.from, f.to] : [f.to, f.from];
  const participant = (url: string, role: Code, requestor: boolean) => {
    const host = hostOf(url);
    const nap = host ? ` NetworkAccessPointID="${x(host)}" NetworkAccessPointTypeCode="${/^[\d.]+$|:/.test(host) ? '2' : '1'}"` : '';
    return `  <ActiveParticipant UserID="${x(url)}" UserIsRequestor="${requestor}"${nap}>\n    ${code('RoleIDCode', role)}\n  </ActiveParticipant>`;
  };
  const objects: string[] = [];
  const object = (kind: ObjectKind, id: string, extra = '') => {
    const k = OBJECTS[kind];
    const idType = k.idType ?? {
      code: f.transaction,
      codeSystemName: 'IHE Transactions',
      originalText: spec.typeCode?.originalText ?? f.transaction,
    };
    objects.push(
      `  <ParticipantObjectIdentification ParticipantObjectID="${x(id)}" ParticipantObjectTypeCode="${k.typeCode}" ParticipantObjectTypeCodeRole="${k.typeCodeRole}">\n    ${code('ParticipantObjectIDTypeCode', idType as Code)}${extra}\n  </ParticipantObjectIdentification>`,
    );
  };
  const wants = (k: ObjectKind) => spec.required.includes(k) || spec.optional.includes(k);
  if (f.patientId && wants('patient')) object('patient', o.fault === 'wrong-patient' ? `MCWG-NOT-${f.patientId}` : f.patientId);
  if (wants('submissionSet')) object('submissionSet', f.submissionSetId ?? 'unknown');
  if (wants('document')) for (const d of f.documentIds?.length ? f.documentIds : [f.to]) object('document', d);
  if (wants('study')) for (const s of f.studyUids ?? []) object('study', o.fault === 'wrong-study' ? `${s}.999` : s);
  if (wants('query'))
    object(
      'query',
      f.queryId ?? f.transaction,
      `\n    <ParticipantObjectQuery>${Buffer.from(f.query ?? '').toString('base64')}</ParticipantObjectQuery>`,
    );
  const typeCode = spec.typeCode ? `\n    ${code('EventTypeCode', spec.typeCode)}` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AuditMessage>',
    `  <EventIdentification EventActionCode="${action}" EventDateTime="${new Date(Date.parse(f.at) || Date.now()).toISOString()}" EventOutcomeIndicator="${f.failed ? '4' : '0'}">`,
    `    ${code('EventID', eventId)}${typeCode}`,
    '  </EventIdentification>',
    participant(sourceUrl, ROLE.source, spec.requestor === 'source'),
    participant(destUrl, ROLE.destination, spec.requestor === 'destination'),
    `  <AuditSourceIdentification AuditSourceID="${x(o.auditSourceId)}">`,
    `    ${code('AuditSourceTypeCode', { code: '4', codeSystemName: 'DCM', originalText: 'Application Server Process' })}`,
    '  </AuditSourceIdentification>',
    ...objects,
    '</AuditMessage>',
    '',
  ].join('\n');
}

/** The EventID the writer uses: Export from the source, Import at the destination, Query for queries. */
export function eventFor(transaction: string, side: AuditSide): Code {
  const spec = AUDIT_SPECS[transaction];
  if (spec?.events.some((e) => e.code === EVENT.query.code)) return EVENT.query;
  if (transaction === 'RAD-107') return EVENT.instancesTransferred;
  return side === 'source' ? EVENT.export : EVENT.import;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}
