// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { IMAGING_CONSUMER_FINDINGS } from '../common/imaging-consumer/findings.ts';
import { FINDINGS } from './findings.ts';
import { mhdDocumentConsumerPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => mhdDocumentConsumerPlan(),
  simulators: async (o) =>
    (await import('../common/audit-steps.ts')).withAuditRepository((await import('./simulators.ts')).startPlanSimulators)(o),
  reference: {
    planId: 'mhd-document-consumer',
    description: 'seeds our MHD responder and WADO-RS source, then finds and opens the target study',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceMhdConsumer(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: [...FINDINGS, ...IMAGING_CONSUMER_FINDINGS],
  template: packageUrl('suites/profiles/templates/mhd-document-consumer.yaml'),
};
