// --audit-to: the XDS registry/repository as an audit source (the SUT's Audit Record Repository
// role). Each ITI-41/RAD-68 it takes is audited as Import (it is the data's destination), each
// ITI-43 it serves as Export (the source), each ITI-18 as Query (simulators/audit builds them).
import type { Exchange } from '../../model/exchange.ts';
import { auditEachExchange, type AuditSender } from '../audit/sender.ts';
import type { BuildOptions } from '../audit/builder.ts';

export function xdsAuditHook(
  sender: AuditSender,
  o: { auditSourceId?: string; fault?: BuildOptions['fault'] } = {},
): (e: Exchange) => void {
  return auditEachExchange(sender, {
    auditSourceId: o.auditSourceId ?? 'mcwg-xds',
    side: (tx) => (tx === 'ITI-43' ? 'source' : 'destination'),
    ...(o.fault ? { fault: o.fault } : {}),
  });
}
