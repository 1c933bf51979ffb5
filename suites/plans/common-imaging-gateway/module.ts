// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { commonImagingGatewayPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => commonImagingGatewayPlan(),
  simulators: async (o) => (await import('./simulators.ts')).startPlanSimulators(o),
  reference: {
    planId: 'common-imaging-gateway',
    description: 'starts Orthanc as the legacy PACS, our registry and a remote WADO-RS source, and the reference gateway',
    needs: ['Orthanc'],
    start: async (opts) => (await import('./reference/index.ts')).startReferenceGateway(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/common-imaging-gateway.yaml'),
};
