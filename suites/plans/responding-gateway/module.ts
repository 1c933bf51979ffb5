// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { respondingGatewayPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => respondingGatewayPlan(),
  // Our Audit Record Repository alone, when the profile declares audit.
  simulators: async (o) => (await import('../common/audit-steps.ts')).withAuditRepository()(o),
  reference: {
    planId: 'responding-gateway',
    description: 'starts our XCA responding gateway in front of one community (SQLite) seeded with a document, behind a pass-through proxy',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceGateway(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/responding-gateway.yaml'),
};
