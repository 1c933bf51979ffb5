import type { Rule } from '../../rule.ts';
import type { AuditView } from '../view.ts';

export const auditParses: Rule<AuditView> = {
  id: 'audit.parse',
  reqIds: ['SEC-004'],
  severity: 'error',
  title: 'The audit message is well-formed XML with root <AuditMessage> (DICOM PS3.15 A.5.1)',
  check(view) {
    return view.parseError ? [{ path: '/', message: `not a DICOM audit message: ${view.parseError}` }] : [];
  },
};
