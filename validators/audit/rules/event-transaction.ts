import type { Rule, RuleHit } from '../../rule.ts';
import { tableOf } from '../transactions.ts';
import { sameCode, showCode, type AuditCtx, type AuditView } from '../view.ts';

export const eventMatchesTransaction: Rule<AuditView, AuditCtx> = {
  id: 'audit.event.transaction',
  reqIds: ['SEC-003'],
  severity: 'error',
  title: "EventID and EventTypeCode are those of the transaction's IHE audit table",
  check(view, ctx) {
    const table = tableOf(view, ctx);
    if (!table) return [];
    const { ev, spec } = table;
    const hits: RuleHit[] = [];
    if (!spec.events.some((e) => sameCode(ev.id, e)))
      hits.push({
        path: `${ev.path}/EventID`,
        message: `${spec.transaction} is audited with EventID ${spec.events.map(showCode).join(' or ')}; found ${showCode(ev.id)}`,
      });
    if (spec.typeCode && !ev.typeCodes.some((t) => sameCode(t, spec.typeCode!)))
      hits.push({
        path: `${ev.path}/EventTypeCode`,
        message: `EventTypeCode ${showCode(spec.typeCode)} is required; found ${ev.typeCodes.length ? ev.typeCodes.map(showCode).join(', ') : 'none'}`,
      });
    return hits;
  },
};
