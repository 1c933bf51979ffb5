// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { mhdDocumentResponderPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => mhdDocumentResponderPlan(),
  simulators: async (o) => (await import('../common/audit-steps.ts')).withAuditRepository()(o),
  reference: {
    planId: 'mhd-document-responder',
    description: 'starts our MHD Document Recipient/Responder (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceMhd(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/mhd-document-responder.yaml'),
};
