// --audit-to: the WADO-RS source as an audit source. Each RAD-107 retrieve it serves is audited
// as "DICOM Instances Transferred" from the source side, with the study's patient from the index.
import type { Exchange } from '../../model/exchange.ts';
import { auditEachExchange, type AuditSender } from '../audit/sender.ts';
import type { BuildOptions } from '../audit/builder.ts';
import type { WadoStore } from './store.ts';

export function wadoAuditHook(
  sender: AuditSender,
  store: WadoStore,
  o: { auditSourceId?: string; fault?: BuildOptions['fault'] } = {},
): (e: Exchange) => void {
  return auditEachExchange(sender, {
    auditSourceId: o.auditSourceId ?? 'mcwg-wado-rs',
    side: 'source',
    facts: { patientOfStudy: (uid) => store.studies.get(uid)?.patientId },
    ...(o.fault ? { fault: o.fault } : {}),
  });
}
