// Test plan: MHD Document Consumer (imaging). We seed our MHD responder and WADO-RS source with
// three studies of one patient; the SUT must find the right one by ITI-67 with the MCWG
// filters, retrieve its manifest by ITI-68 and its images by WADO-RS from the manifest alone
// (the image checks are those of the XDS consumer plan). Then it sends its search again over TLS
// to our TLS servers, and must refuse the bad server certificates and TLS versions (SEC-001, SEC-002).
// Its first search and first manifest retrieve must be audited (SEC-003, SEC-004).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import type { PlanState } from '../common/imaging-consumer/state.ts';
import { checkExtras, checkRequests, retrieveImages } from '../common/imaging-consumer/images.ts';
import { honoursRetryAfter } from '../common/imaging-consumer/busy.ts';
import { keyImagesOnly } from '../common/imaging-consumer/key-images.ts';
import { auditGroup, receivedBy, type AuditProbe } from '../common/audit-steps.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { findStudy, instructions, retrieveManifest, WAIT_MS } from './steps/find.ts';

export const PLAN_ID = 'mhd-document-consumer';
const ACTOR = 'Imaging Document Consumer';

/**
 * The transactions whose audits are waited for: the first ITI-67 and the first ITI-68 our
 * responder answered (those the query and manifest tests judged), fixed ones, whatever else the
 * SUT has sent by the time the wait starts.
 */
const FIRST_SEARCH_AND_RETRIEVE: AuditProbe = async (ctx) => [
  ...(await receivedBy('mhd', 'ITI-67')(ctx)).slice(0, 1),
  ...(await receivedBy('mhd', 'ITI-68')(ctx)).slice(0, 1),
];

export function mhdDocumentConsumerPlan(opts: { waitMs?: number } = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR], options: ['MHD'] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'MHD Document Consumer: find (ITI-67), manifest (ITI-68), images (RAD-107)',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'locate',
        title: 'Find and retrieve the manifest',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'mhdc.query',
            title: 'The SUT searches with the MCWG filters',
            verifies: ['META-023'],
            when,
            steps: [findStudy(waitMs)],
          }),
          defineTest({
            id: 'mhdc.manifest',
            title: "The SUT retrieves the requested study's manifest",
            verifies: ['WADO-012'],
            dependsOn: ['mhdc.query'],
            when,
            steps: [retrieveManifest(state, waitMs)],
          }),
        ],
      },
      {
        id: 'images',
        title: 'Image retrieval (RAD-107)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'mhdc.images',
            title: 'The SUT retrieves the images as Part 10, from the manifest alone',
            verifies: ['WADO-011'],
            dependsOn: ['mhdc.manifest'],
            when,
            steps: [
              retrieveImages(state, waitMs, (seeded, ctx) => instructions(seeded, ctx.simulators.mhd?.url ?? '(no mhd simulator)')),
              checkRequests(state),
              checkExtras(),
            ],
          }),
          defineTest({
            id: 'mhdc.busy',
            title: 'A busy source (503 + Retry-After) is retried after the delay',
            verifies: ['WADO-010'],
            dependsOn: ['mhdc.images'],
            when,
            steps: [honoursRetryAfter(waitMs)],
          }),
          defineTest({
            id: 'mhdc.key-images',
            title: 'Key images only: flagged from the manifest, retrieved alone',
            verifies: ['KIN-012', 'KIN-013'],
            dependsOn: ['mhdc.busy'],
            when,
            steps: [keyImagesOnly('ITI-68', waitMs)],
          }),
        ],
      },
      initiatorTlsGroup({ actor: ACTOR, prefix: 'mhdc', when, what: 'the DocumentReference search (ITI-67)', path: '/fhir', waitMs }),
      auditGroup({ actor: ACTOR, prefix: 'mhdc', when, dependsOn: ['mhdc.manifest'], probe: FIRST_SEARCH_AND_RETRIEVE }),
    ],
  });
}
