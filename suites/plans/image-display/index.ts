// Test plan: Image Display (IHE IID, a server-side viewer). The SUT viewer reads its study from
// our WADO-RS source and trusts our token issuer; our calls open it as a report's link would:
// anonymously (must be refused) and with a token in Debian's Chromium (must show the study);
// a central viewer (SSV2) also from the URL built from a report's metadata (IID-004); and the
// viewer's TLS (SEC-001, SEC-002) when its endpoint is https://.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { centralView } from './steps/central.ts';
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
          // SSV2 (central viewer): the link is not in the report; the portal builds it from metadata.
          // Only once the viewer shows a study by its plain URL (iid.view): the metadata is the question.
          defineTest({
            id: 'iid.central',
            title: 'A central viewer opens the URL built from report metadata',
            verifies: ['IID-004'],
            dependsOn: ['iid.view'],
            when: { roles: [ROLE], options: ['SSV2'] },
            steps: [centralView()],
          }),
        ],
      },
      tlsGroup({ actor: ROLE, endpoints: ['iid'], when, prefix: 'iid' }),
    ],
  });
}
