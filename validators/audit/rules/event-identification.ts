import type { Rule, RuleHit } from '../../rule.ts';
import type { AuditView } from '../view.ts';

// xs:dateTime with a zone: audit records are compared across nodes, so local times are ambiguous.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ACTIONS = ['C', 'R', 'U', 'D', 'E'];
const OUTCOMES = ['0', '4', '8', '12'];

export const eventIdentification: Rule<AuditView> = {
  id: 'audit.event.identification',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'EventIdentification has a coded EventID, EventActionCode, EventDateTime and EventOutcomeIndicator',
  check(view) {
    if (view.parseError) return [];
    const ev = view.event;
    if (!ev) return [{ path: '/AuditMessage', message: 'EventIdentification is missing (PS3.15 A.5.1: exactly one)' }];
    const hits: RuleHit[] = [];
    if (!ev.id || !ev.id.code || !ev.id.codeSystemName)
      hits.push({
        path: `${ev.path}/EventID`,
        message: `EventID must carry csd-code and codeSystemName; found ${ev.id ? JSON.stringify({ code: ev.id.code, codeSystemName: ev.id.codeSystemName }) : 'no EventID'}`,
      });
    if (!ACTIONS.includes(ev.actionCode ?? ''))
      hits.push({
        path: `${ev.path}/@EventActionCode`,
        message: `EventActionCode must be one of ${ACTIONS.join(', ')}; found ${JSON.stringify(ev.actionCode ?? null)}`,
      });
    if (!DATE_TIME.test(ev.dateTime ?? '') || Number.isNaN(Date.parse(ev.dateTime ?? '')))
      hits.push({
        path: `${ev.path}/@EventDateTime`,
        message: `EventDateTime must be an xs:dateTime with a time zone; found ${JSON.stringify(ev.dateTime ?? null)}`,
      });
    if (!OUTCOMES.includes(ev.outcome ?? ''))
      hits.push({
        path: `${ev.path}/@EventOutcomeIndicator`,
        message: `EventOutcomeIndicator must be 0, 4, 8 or 12; found ${JSON.stringify(ev.outcome ?? null)}`,
      });
    return hits;
  },
};
