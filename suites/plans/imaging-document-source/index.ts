// Test plan: Imaging Document Source (XDS-I.b, MCWG). The SUT publishes a KOS manifest by
// RAD-68 to our registry/repository; we validate the metadata, the manifest, its key-image
// notes and their consistency, then retrieve every referenced instance from the SUT's
// WADO-RS source. A negative test checks an unknown patient is refused.
// Simulators the plan needs: `xds` (simulators/xds) that the SUT submits to.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import type { PlanState } from './state.ts';
import { checkConsistency } from './steps/check-consistency.ts';
import { receiveManifest, WAIT_MS } from './steps/receive-manifest.ts';
import { retrieveManifest } from './steps/retrieve-manifest.ts';
import { checkRetrieveUrls } from './steps/retrieve-urls.ts';
import { unknownPatientRejected } from './steps/unknown-patient.ts';
import { validateKin } from './steps/validate-kin.ts';
import { validateManifest } from './steps/validate-kos.ts';
import { validateMetadata } from './steps/validate-metadata.ts';
import { wadoRetrieve } from './steps/wado-retrieve.ts';
import { auditGroup, receivedBy } from '../common/audit-steps.ts';

export const PLAN_ID = 'imaging-document-source';
const ACTOR = 'Imaging Document Source';
const PUBLISH = 'ids.publish';

export interface PlanOptions {
  /** How long each wait for a SUT-initiated RAD-68 lasts (default 120 s). */
  waitMs?: number;
}

/** A fresh plan: its tests share one PlanState, never another run's. */
export function imagingDocumentSourcePlan(opts: PlanOptions = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR], options: ['XDS-I.b'] };
  const after = { dependsOn: [PUBLISH], when };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Imaging Document Source: publish a manifest (RAD-68), serve its images (RAD-107)',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'publish',
        title: 'Manifest publication (RAD-68)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: PUBLISH,
            title: 'The SUT publishes a KOS manifest by RAD-68',
            verifies: ['XDS-001'],
            when,
            steps: [receiveManifest(state, waitMs), retrieveManifest(state)],
          }),
          defineTest({
            id: 'ids.unknown-patient',
            title: 'A submission for an unknown patient is refused',
            verifies: ['XDS-005'],
            when,
            steps: [unknownPatientRejected(waitMs)],
          }),
        ],
      },
      {
        id: 'content',
        title: 'Manifest content',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'ids.metadata',
            title: 'DocumentEntry and SubmissionSet metadata',
            verifies: ['META-013'],
            ...after,
            steps: [validateMetadata(state)],
          }),
          defineTest({ id: 'ids.kos', title: 'The KOS manifest', verifies: ['KOS-001'], ...after, steps: [validateManifest(state)] }),
          defineTest({ id: 'ids.kin', title: 'Key-image notes', verifies: ['KIN-003'], ...after, steps: [validateKin(state)] }),
          defineTest({
            id: 'ids.consistency',
            title: 'Manifest and metadata agree',
            verifies: ['META-040'],
            ...after,
            steps: [checkConsistency(state)],
          }),
        ],
      },
      {
        id: 'images',
        title: 'Image access (RAD-107)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'ids.retrieve-urls',
            title: 'Retrieve URLs in the manifest answer',
            verifies: ['KOS-022'],
            ...after,
            steps: [checkRetrieveUrls(state)],
          }),
          defineTest({
            id: 'ids.wado-rs',
            title: 'Referenced instances are retrievable by WADO-RS',
            verifies: ['KOS-019'],
            ...after,
            steps: [wadoRetrieve(state)],
          }),
        ],
      },
      initiatorTlsGroup({ actor: ACTOR, prefix: 'ids', when, what: 'a manifest by RAD-68', path: '/xds/repository', waitMs }),
      auditGroup({ actor: ACTOR, prefix: 'ids', ...after, probe: receivedBy('xds', 'RAD-68') }),
    ],
  });
}
