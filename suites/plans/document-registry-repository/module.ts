// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { documentRegistryRepositoryPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => documentRegistryRepositoryPlan(),
  simulators: async (o) => (await import('../common/audit-steps.ts')).withAuditRepository()(o),
  reference: {
    planId: 'document-registry-repository',
    description: 'starts our XDS registry/repository (SQLite) behind a pass-through proxy',
    start: async (opts) => (await import('./reference/index.ts')).startReferenceRegistry(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/document-registry-repository.yaml'),
};
