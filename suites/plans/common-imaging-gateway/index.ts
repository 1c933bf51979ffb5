// Test plan: Common Imaging Gateway, end to end. Behind the gateway: a legacy PACS (DIMSE;
// we load a study into it) and our RIS (we send the final report). In front: our XDS
// registry/repository and a remote site's WADO-RS source. We check the gateway's five
// functions: (1) it publishes the manifest and the report, (2) serves the PACS's images over
// WADO-RS and (3) answers the availability probe, (4) locates a remote study in the registry
// and (5) retrieves it from the remote source. The TLS of the gateway's server sides (its
// WADO-RS and HL7 receiving endpoints, when https:// or mllps://) is checked too (SEC-001/002),
// and so is its initiating side: its registry query (ITI-18) is sent again to our TLS servers,
// and it must refuse the bad server certificates and TLS versions.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { GW } from './ids.ts';
import type { PlanState } from './state.ts';
import { queryRegistry, retrieveRemoteImages, retrieveRemoteManifest } from './steps/consume.ts';
import { probe, wadoRetrieve } from './steps/images.ts';
import { manifestContent, receiveManifest, receiveReport, WAIT_MS } from './steps/publish.ts';
import { sendReport } from './steps/report.ts';
import { DEFAULT_PUBLICATION_LIMIT_MS, publicationLatency } from './steps/latency.ts';
import { seedPacs } from './steps/seed.ts';
import { republishOnChange } from './steps/republish.ts';
import { correctionReplaces } from './steps/correction.ts';
import { openReportViewer } from './steps/viewer.ts';

export const PLAN_ID = 'common-imaging-gateway';
const ACTOR = 'Common Imaging Gateway';
const SEED = 'gw.seed';
const REPORT = 'gw.report';

export interface PlanOptions {
  /** How long each wait for a gateway-initiated transaction lasts (default 120 s). */
  waitMs?: number;
  /** The deployment's trigger-to-publication limit (GW-002; default 5 minutes). */
  publicationLimitMs?: number;
}

export function commonImagingGatewayPlan(opts: PlanOptions = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Common Imaging Gateway: legacy PACS and RIS behind, registry and WADO-RS in front',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'intake',
        title: 'Study and report intake',
        actor: ACTOR,
        tests: [
          defineTest({ id: SEED, title: 'The study is in the legacy PACS', verifies: ['GW-014'], when, steps: [seedPacs(state)] }),
          defineTest({
            id: REPORT,
            title: 'The gateway takes the final report from the RIS',
            verifies: ['RIS-003'],
            dependsOn: [SEED],
            when,
            steps: [sendReport(state)],
          }),
        ],
      },
      {
        id: 'publish',
        title: 'Publication (RAD-68, ITI-41)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'gw.publish',
            title: 'The manifest is built from the PACS and the report, and published',
            verifies: ['GW-001', 'GW-003', 'GW-010'],
            dependsOn: [REPORT],
            when,
            steps: [receiveManifest(state, waitMs), manifestContent(state)],
          }),
          defineTest({
            id: 'gw.publish-latency',
            title: 'Trigger-to-publication latency within the limit',
            verifies: ['GW-002'],
            dependsOn: ['gw.publish'],
            when,
            steps: [publicationLatency(state, opts.publicationLimitMs ?? DEFAULT_PUBLICATION_LIMIT_MS)],
          }),
          defineTest({
            id: 'gw.publish-report',
            title: 'The report is published, linked to the study',
            verifies: ['LINK-002', 'LINK-003'],
            dependsOn: [REPORT],
            when,
            steps: [receiveReport(state, waitMs)],
          }),
          defineTest({
            id: 'gw.viewer',
            title: "The report's IID link opens the gateway's viewer on the study",
            verifies: ['GW-009'],
            dependsOn: ['gw.publish-report'],
            when,
            steps: [openReportViewer(state)],
          }),
        ],
      },
      {
        id: 'serve',
        title: 'Image access for the PACS (RAD-107)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'gw.wado-rs',
            title: 'The PACS study is served over WADO-RS',
            verifies: ['GW-004', 'GW-005'],
            dependsOn: [SEED],
            when,
            steps: [wadoRetrieve(state)],
          }),
          defineTest({
            id: 'gw.probe',
            title: 'The availability probe answers',
            verifies: ['GW-012'],
            dependsOn: [SEED],
            when,
            steps: [probe(state)],
          }),
        ],
      },
      {
        id: 'consume',
        title: 'Remote study access',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'gw.consume',
            title: 'A remote study is located and retrieved',
            verifies: ['GW-006', 'GW-007'],
            when,
            steps: [queryRegistry(waitMs), retrieveRemoteManifest(waitMs), retrieveRemoteImages(waitMs)],
          }),
        ],
      },
      {
        id: 'update',
        title: 'Study updates (RPLC)',
        actor: ACTOR,
        tests: [
          // Last: it changes the study the other tests read.
          defineTest({
            id: 'gw.republish',
            title: 'A changed study is republished as a replacement manifest',
            verifies: ['GW-011', 'KOS-049'],
            dependsOn: ['gw.publish', 'gw.publish-latency', 'gw.publish-report', 'gw.viewer', 'gw.wado-rs', 'gw.probe'],
            when,
            steps: [republishOnChange(state, waitMs)],
          }),
          defineTest({
            id: 'gw.correction',
            title: 'A corrected report replaces the published one',
            verifies: ['RIS-010'],
            dependsOn: ['gw.publish-report', 'gw.viewer'],
            when,
            steps: [correctionReplaces(state, waitMs)],
          }),
        ],
      },
      tlsGroup({ actor: ACTOR, endpoints: ['wadoRs', 'hl7'], when, prefix: 'gw' }),
      initiatorTlsGroup({
        actor: ACTOR,
        prefix: 'gw',
        when,
        what: `the gateway's registry query (ITI-18 FindDocuments) for the prior studies of patient ${GW.nationalCx}`,
        path: '/xds/registry',
        waitMs,
        // Three connections the tester makes the gateway open, one after the other.
        testTimeoutMs: 3 * waitMs,
      }),
    ],
  });
}
