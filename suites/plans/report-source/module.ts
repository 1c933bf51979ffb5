// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { reportSourcePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => reportSourcePlan(),
  simulators: async (o) => (await import('./simulators.ts')).startPlanSimulators(o),
  reference: {
    planId: 'report-source',
    description: 'starts our RIS receiver and sends its ORU^R01 report to it',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceRis(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/report-source.yaml'),
};
