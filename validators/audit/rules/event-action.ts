import type { Rule } from '../../rule.ts';
import { ACTIONS_FOR_EVENT } from '../codes.ts';
import type { AuditView } from '../view.ts';

export const eventActionFitsEvent: Rule<AuditView> = {
  id: 'audit.event.action',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'EventActionCode is the one the EventID prescribes (Export R, Import C, Query E, …)',
  check(view) {
    const ev = view.event;
    if (!ev?.id || ev.id.codeSystemName !== 'DCM') return [];
    const allowed = ACTIONS_FOR_EVENT[ev.id.code];
    // An action code outside C/R/U/D/E is audit.event.identification's finding, not this one's.
    if (!allowed || !ev.actionCode || !['C', 'R', 'U', 'D', 'E'].includes(ev.actionCode) || allowed.includes(ev.actionCode)) return [];
    return [
      {
        path: `${ev.path}/@EventActionCode`,
        message: `EventID (${ev.id.code}, DCM) takes EventActionCode ${allowed.join(' or ')}; found ${JSON.stringify(ev.actionCode)}`,
      },
    ];
  },
};
