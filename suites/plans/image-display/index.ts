// Test plan: Image Display (IHE IID, a server-side viewer). The SUT viewer reads its study from
// our WADO-RS source and trusts our token issuer; our calls open it as a report's link would:
// anonymously (must be refused) and with a token in Debian's Chromium (must show the study);
// a central viewer (SSV2) also from the URL built from a report's metadata (IID-004); and the
// viewer's TLS (SEC-001, SEC-002) when its endpoint is https://. As a TLS client, its WADO-RS
// read of the study is sent again to our TLS servers, and it must refuse the bad server
// certificates and TLS versions (SEC-001, SEC-002).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { centralView } from './steps/central.ts';
import { anonymous, viewStudy } from './steps/view.ts';

export const PLAN_ID = 'image-display';
const ROLE = 'Image Display';

/** `waitMs`: how long each wait for a viewer-initiated connection to our TLS servers lasts (default 120 s). */
export function imageDisplayPlan(opts: { waitMs?: number } = {}): PlanDef {
  const when = { roles: [ROLE] };
  const waitMs = opts.waitMs ?? 120_000;
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
      initiatorTlsGroup({
        actor: ROLE,
        prefix: 'iid',
        when,
        what: "your viewer's WADO-RS read of the study it shows (GET …/studies/{StudyInstanceUID}/metadata)",
        path: '/dicom-web',
        waitMs,
        // Three connections the tester makes the viewer open, one after the other.
        testTimeoutMs: 3 * waitMs,
      }),
    ],
  });
}
