// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { wadoRsSourcePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => wadoRsSourcePlan(),
  simulators: async (o) => (await import('../common/audit-steps.ts')).withAuditRepository()(o),
  reference: {
    planId: 'wado-rs-source',
    description: 'builds its study and manifest and starts its WADO-RS source',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceWadoRs(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/wado-rs-source.yaml'),
};
