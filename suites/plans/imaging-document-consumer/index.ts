// Test plan: Imaging Document Consumer (XDS-I.b, MCWG). We seed our registry/repository and
// WADO-RS source with three studies of one patient; the SUT must find the requested one by
// ITI-18 with the MCWG filters, retrieve its manifest by ITI-43 and its images by WADO-RS,
// without QIDO-RS or metadata (the source offers neither), and audit each of those transactions
// (SEC-003/004) to our Audit Record Repository. Evidence shows each request.
// Simulators: `xds` (seeded), `wado` (simulators.ts) and `audit` when the profile declares one.
import { auditGroup, firstReceived } from '../common/audit-steps.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import type { PlanState } from '../common/imaging-consumer/state.ts';
import { checkExtras, checkRequests, retrieveImages } from '../common/imaging-consumer/images.ts';
import { honoursRetryAfter } from '../common/imaging-consumer/busy.ts';
import { keyImagesOnly } from '../common/imaging-consumer/key-images.ts';
import { findStudy, WAIT_MS } from './steps/query.ts';
import { retrieveManifest } from './steps/retrieve-manifest.ts';

export const PLAN_ID = 'imaging-document-consumer';
const ACTOR = 'Imaging Document Consumer';

export interface PlanOptions {
  /** How long each wait for the SUT's next request lasts (default 120 s). */
  waitMs?: number;
}

export function imagingDocumentConsumerPlan(opts: PlanOptions = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR, 'Document Consumer'] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Imaging Document Consumer: find (ITI-18), retrieve the manifest (ITI-43) and the images (RAD-107)',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'find',
        title: 'Find and retrieve the manifest',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'idc.query',
            title: 'The SUT queries with the MCWG filters',
            verifies: ['META-023'],
            when,
            steps: [findStudy(waitMs)],
          }),
          defineTest({
            id: 'idc.manifest',
            title: "The SUT retrieves the requested study's manifest",
            verifies: ['XDS-025'],
            dependsOn: ['idc.query'],
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
            id: 'idc.images',
            title: 'The SUT retrieves the images as Part 10, from the manifest alone',
            verifies: ['WADO-011'],
            dependsOn: ['idc.manifest'],
            when: { roles: [ACTOR] },
            steps: [retrieveImages(state, waitMs), checkRequests(state), checkExtras()],
          }),
          defineTest({
            id: 'idc.busy',
            title: 'A busy source (503 + Retry-After) is retried after the delay',
            verifies: ['WADO-010'],
            dependsOn: ['idc.images'],
            when: { roles: [ACTOR] },
            steps: [honoursRetryAfter(waitMs)],
          }),
          defineTest({
            id: 'idc.key-images',
            title: 'Key images only: flagged from the manifest, retrieved alone',
            verifies: ['KIN-012', 'KIN-013'],
            dependsOn: ['idc.busy'],
            when: { roles: [ACTOR] },
            steps: [keyImagesOnly('ITI-43', waitMs)],
          }),
        ],
      },
      initiatorTlsGroup({ actor: ACTOR, prefix: 'idc', when, what: 'the Registry Stored Query (ITI-18)', path: '/xds/registry', waitMs }),
      // After the images test the SUT has queried, read the manifest and retrieved images: the
      // first of each (ITI-18, ITI-43 as the consumer, RAD-107) must be audited.
      auditGroup({
        actor: ACTOR,
        prefix: 'idc',
        when: { roles: [ACTOR] },
        dependsOn: ['idc.images'],
        probe: firstReceived(['xds', 'ITI-18'], ['xds', 'ITI-43'], ['wado', 'RAD-107']),
      }),
    ],
  });
}
