import type { Rule, RuleHit } from '../../rule.ts';
import { ROLE } from '../codes.ts';
import { tableOf } from '../transactions.ts';
import { sameCode, type AuditCtx, type AuditView } from '../view.ts';

export const participantRoles: Rule<AuditView, AuditCtx> = {
  id: 'audit.participant.roles',
  reqIds: ['SEC-003'],
  severity: 'error',
  title: 'Source and Destination participants are present with RoleIDCode, and the requestor side has UserIsRequestor="true"',
  check(view, ctx) {
    const table = tableOf(view, ctx);
    if (!table) return [];
    const { spec } = table;
    const hits: RuleHit[] = [];
    for (const side of ['source', 'destination'] as const) {
      const role = ROLE[side];
      const found = view.participants.filter((p) => p.roleIdCodes.some((r) => sameCode(r, role)));
      if (found.length === 0) {
        hits.push({
          path: '/AuditMessage/ActiveParticipant',
          message: `${spec.transaction}: an ActiveParticipant with RoleIDCode (${role.code}, DCM, "${role.originalText}") is required`,
        });
        continue;
      }
      const want = spec.requestor === side ? 'true' : 'false';
      // A value other than true/false is audit.participant.identity's finding.
      for (const p of found)
        if ((p.userIsRequestor === 'true' || p.userIsRequestor === 'false') && p.userIsRequestor !== want)
          hits.push({
            path: `${p.path}/@UserIsRequestor`,
            message: `${spec.transaction}: the ${side} (${role.code}) ${want === 'true' ? 'starts' : 'does not start'} the exchange, so UserIsRequestor must be ${want}; found ${JSON.stringify(p.userIsRequestor ?? null)}`,
          });
    }
    return hits;
  },
};
