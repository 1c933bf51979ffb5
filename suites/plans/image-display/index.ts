// Test plan: Image Display (IHE IID, a server-side viewer). The SUT viewer reads its study from
// our WADO-RS source and trusts our token issuer; our calls open it as a report's link would:
// anonymously (must be refused) and with a token in Debian's Chromium (must show the study).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { anonymous, viewStudy } from './steps/view.ts';

export const PLAN_ID = 'image-display';
const ROLE = 'Image Display';

export function imageDisplayPlan(): PlanDef {
  const when = { roles: [ROLE] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Image Display: RAD-106 Invoke Image Display, authenticated, showing the study',
    timeoutMs: 90_000,
    groups: [
      {
        id: 'invoke',
        title: 'Invoke Image Display (RAD-106)',
        actor: ROLE,
        tests: [
          defineTest({ id: 'iid.anonymous', title: 'Anonymous users see nothing', verifies: ['IID-006'], when, steps: [anonymous()] }),
          defineTest({ id: 'iid.view', title: 'An authorised user sees the study', verifies: ['IID-003'], when, steps: [viewStudy()] }),
        ],
      },
    ],
  });
}
