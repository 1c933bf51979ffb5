// The plan module: everything `mcwg` knows about this plan, registered by one line in
// ../index.ts (PLANS). The reference SUT and its defects load only when used.
import { packageUrl } from '../../../model/package-root.ts';
import type { PlanModule } from '../../engine/plan-module.ts';
import { FINDINGS } from './findings.ts';
import { imageDisplayPlan } from './index.ts';

export const planModule: PlanModule = {
  plan: () => imageDisplayPlan(),
  simulators: async (o) => (await import('./simulators.ts')).startImageDisplaySimulators(o),
  reference: {
    planId: 'image-display',
    description: 'starts our IID Image Display over our WADO-RS source, trusting our token issuer, behind a pass-through proxy',
    // fixtures/browser.ts CHROMIUM, spelt out: importing it would load Playwright with the plan list.
    needs: ['/usr/bin/chromium'],
    start: async (opts) => (await import('./reference/index.ts')).startReferenceDisplay(opts),
  },
  defects: async () => Object.values((await import('./reference/defects.ts')).DEFECTS),
  findings: FINDINGS,
  template: packageUrl('suites/profiles/templates/image-display.yaml'),
};
