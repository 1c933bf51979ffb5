import type { Rule, RuleHit } from '../../rule.ts';
import type { AuditView } from '../view.ts';

export const participantIdentity: Rule<AuditView> = {
  id: 'audit.participant.identity',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'Each ActiveParticipant has a UserID, UserIsRequestor true/false, and a valid NetworkAccessPointTypeCode',
  check(view) {
    if (view.parseError) return [];
    if (view.participants.length === 0)
      return [{ path: '/AuditMessage', message: 'at least one ActiveParticipant is required (PS3.15 A.5.1)' }];
    const hits: RuleHit[] = [];
    for (const p of view.participants) {
      if (!p.userId) hits.push({ path: `${p.path}/@UserID`, message: 'ActiveParticipant UserID is required and empty' });
      if (p.userIsRequestor !== 'true' && p.userIsRequestor !== 'false')
        hits.push({
          path: `${p.path}/@UserIsRequestor`,
          message: `UserIsRequestor must be true or false; found ${JSON.stringify(p.userIsRequestor ?? null)}`,
        });
      // RFC 3881 §5.3: 1 machine name, 2 IP address, 3 telephone, 4 e-mail, 5 URI.
      if (p.networkAccessPointTypeCode !== undefined && !['1', '2', '3', '4', '5'].includes(p.networkAccessPointTypeCode))
        hits.push({
          path: `${p.path}/@NetworkAccessPointTypeCode`,
          message: `NetworkAccessPointTypeCode must be 1..5; found ${JSON.stringify(p.networkAccessPointTypeCode)}`,
        });
      if ((p.networkAccessPointTypeCode === undefined) !== (p.networkAccessPointId === undefined))
        hits.push({
          path: `${p.path}/@NetworkAccessPointID`,
          message: 'NetworkAccessPointID and NetworkAccessPointTypeCode come together',
        });
    }
    return hits;
  },
};
