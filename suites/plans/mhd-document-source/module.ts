// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { mhdDocumentSourcePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => mhdDocumentSourcePlan(),
  simulators: async (o) =>
    (await import('../common/audit-steps.ts')).withAuditRepository((await import('./simulators.ts')).startPlanSimulators)(o),
  reference: {
    planId: 'mhd-document-source',
    description: 'starts our MHD Document Recipient and publishes its ITI-65 Bundles to it',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceMhdSource(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/mhd-document-source.yaml'),
};
