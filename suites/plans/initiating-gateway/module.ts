// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { initiatingGatewayPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => initiatingGatewayPlan(),
  simulators: async (o) => (await import('./simulators.ts')).startIgSimulators(o),
  reference: {
    planId: 'initiating-gateway',
    description:
      'starts four XCA communities (SQLite; one slow, one down, one without data) and our initiating gateway in front of them, 1 s per community',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceGateway(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/initiating-gateway.yaml'),
};
