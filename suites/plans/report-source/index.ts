// Test plan: report source (RIS). The SUT sends the final report of a given study as ORU^R01
// or MDM^T02 over MLLP to our RIS receiver; we check the framing, the report's content and its
// linkage identifiers against the study manifest; then the SUT sends the report again over MLLP
// with TLS (mllps://) to our TLS servers, and must refuse the bad server certificates and TLS
// versions (SEC-001, SEC-002). Simulators: `ris` and the TLS servers (simulators.ts).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import type { PlanState } from './state.ts';
import { checkIidLinksStep, IID_LINK_REQS } from './steps/check-iid-links.ts';
import { checkLinkage } from './steps/check-linkage.ts';
import { receiveReport, WAIT_MS } from './steps/receive-report.ts';
import { validateReport } from './steps/validate-report.ts';

export const PLAN_ID = 'report-source';
const ACTOR = 'RIS';
const RECEIVE = 'ris.report';

export interface PlanOptions {
  /** How long the wait for the SUT's report lasts (default 120 s). */
  waitMs?: number;
}

export function reportSourcePlan(opts: PlanOptions = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR] };
  const after = { dependsOn: [RECEIVE], when };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Report source (RIS): ORU^R01 / MDM^T02 over MLLP, content and linkage',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'report',
        title: 'Report delivery and content',
        actor: ACTOR,
        tests: [
          defineTest({
            id: RECEIVE,
            title: 'The SUT sends a report in an MLLP frame',
            verifies: ['RIS-001'],
            when,
            steps: [receiveReport(state, waitMs)],
          }),
          defineTest({ id: 'ris.content', title: 'The report content', verifies: ['RIS-004'], ...after, steps: [validateReport(state)] }),
          defineTest({
            id: 'ris.linkage',
            title: 'Linkage identifiers match the study',
            verifies: ['LINK-002'],
            ...after,
            steps: [checkLinkage(state)],
          }),
          // SSV1 (viewer hosted at the source): the report carries its viewer links. Checked once
          // the report names the right study (ris.linkage), so a wrong study UID fails only there.
          defineTest({
            id: 'ris.iid-links',
            title: 'Viewer links (IHE IID) for every study the report covers',
            verifies: IID_LINK_REQS,
            dependsOn: [RECEIVE, 'ris.linkage'],
            when: { roles: [ACTOR], options: ['SSV1'] },
            steps: [checkIidLinksStep(state)],
          }),
        ],
      },
      // MLLP has no path: the SUT sends to the server's host and port.
      initiatorTlsGroup({
        actor: ACTOR,
        prefix: 'ris',
        when,
        what: 'the report (ORU^R01 or MDM^T02) over MLLP with TLS',
        path: '',
        waitMs,
      }),
    ],
  });
}
