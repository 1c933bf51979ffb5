import type { Rule } from '../../rule.ts';
import type { AuditView } from '../view.ts';

export const sourceIdentification: Rule<AuditView> = {
  id: 'audit.source.identification',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'AuditSourceIdentification names the audit source (AuditSourceID)',
  check(view) {
    if (view.parseError) return [];
    if (view.sources.length === 0)
      return [{ path: '/AuditMessage', message: 'AuditSourceIdentification is missing (PS3.15 A.5.1: at least one)' }];
    return view.sources
      .filter((s) => !s.auditSourceId)
      .map((s) => ({ path: `${s.path}/@AuditSourceID`, message: 'AuditSourceID is required and empty' }));
  },
};
