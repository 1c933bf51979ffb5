// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { IMAGING_CONSUMER_FINDINGS } from '../common/imaging-consumer/findings.ts';
import { FINDINGS } from './findings.ts';
import { imagingDocumentConsumerPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => imagingDocumentConsumerPlan(),
  simulators: async (o) =>
    (await import('../common/audit-steps.ts')).withAuditRepository((await import('./simulators.ts')).startPlanSimulators)(o),
  reference: {
    planId: 'imaging-document-consumer',
    description: 'seeds our registry/repository and WADO-RS source with three studies and starts its consumer',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceConsumer(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: [...FINDINGS, ...IMAGING_CONSUMER_FINDINGS],
  template: packageUrl('suites/profiles/templates/imaging-document-consumer.yaml'),
};
