// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { reportSourcePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => reportSourcePlan(),
  simulators: async () => (await import('./simulators.ts')).startPlanSimulators(),
  reference: {
    planId: 'report-source',
    description: 'starts our RIS receiver and sends its ORU^R01 report to it',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceRis(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: new URL('../../profiles/templates/report-source.yaml', import.meta.url),
};
