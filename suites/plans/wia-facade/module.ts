// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { wiaFacadePlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => wiaFacadePlan(),
  simulators: async (o) => (await import('./simulators.ts')).startWiaSimulators(o),
  reference: {
    planId: 'wia-facade',
    description: 'starts our WIA facade in front of the seeded registry and WADO-RS source, behind a pass-through proxy',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceFacade(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/wia-facade.yaml'),
};
