// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { imagingDocumentSourcePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => imagingDocumentSourcePlan(),
  simulators: async (o) =>
    (await import('../common/audit-steps.ts')).withAuditRepository((await import('./simulators.ts')).startPlanSimulators)(o),
  reference: {
    planId: 'imaging-document-source',
    description: 'builds its study and starts its WADO-RS source and our XDS registry/repository',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceSut(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/imaging-document-source.yaml'),
};
