// Test plan: WADO-RS Source, standalone (RAD-107 conformance and availability), usable as the
// operations centre's monitoring check. Input from the SUT profile: endpoints.wadoRs and
// oids.studyInstanceUid, a study the source holds with its XDS-I.b manifest. No simulators:
// we are the client.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { auditGroup, wadoProbe } from '../common/audit-steps.ts';
import type { PlanState } from './state.ts';
import { availability } from './steps/availability.ts';
import { manifestRights, noToken, otherPatient, part10Only, qidoScope } from './steps/auth.ts';
import { findManifest } from './steps/find-manifest.ts';
import { negotiation } from './steps/negotiation.ts';
import { retrieveAll } from './steps/retrieve.ts';
import { busySource } from './steps/busy.ts';
import { streaming } from './steps/streaming.ts';

export const PLAN_ID = 'wado-rs-source';
const ACTOR = 'WADO-RS Source';
const MANIFEST = 'wado.manifest';

export function wadoRsSourcePlan(): PlanDef {
  const state: PlanState = {};
  const when = { roles: [ACTOR, 'Common Imaging Gateway', 'Imaging Document Source'] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'WADO-RS Source: retrieve, negotiation and availability (RAD-107)',
    timeoutMs: 120_000,
    groups: [
      {
        id: 'retrieve',
        title: 'Retrieve (RAD-107)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: MANIFEST,
            title: 'The study and its manifest are retrievable',
            verifies: ['WADO-001'],
            when,
            steps: [findManifest(state)],
          }),
          defineTest({
            id: 'wado.retrieve',
            title: 'Every referenced instance, once, with the manifest identity',
            verifies: ['WADO-002'],
            dependsOn: [MANIFEST],
            when,
            steps: [retrieveAll(state)],
          }),
        ],
      },
      {
        id: 'protocol',
        title: 'Negotiation and errors',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'wado.negotiation',
            title: 'Accept negotiation and error statuses',
            verifies: ['WADO-006'],
            when,
            steps: [negotiation()],
          }),
          defineTest({
            id: 'wado.part10-only',
            title: 'Part 10 retrieval is the only requirement',
            verifies: ['WADO-011'],
            when,
            steps: [part10Only()],
          }),
        ],
      },
      {
        id: 'monitoring',
        title: 'Availability monitoring',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'wado.availability',
            title: 'The source answers, with latency figures',
            verifies: ['GW-012'],
            when,
            steps: [availability()],
          }),
          defineTest({
            id: 'wado.busy',
            title: 'Under concurrent load: served, or 503 with Retry-After',
            verifies: ['WADO-010'],
            when,
            steps: [busySource()],
          }),
          defineTest({ id: 'wado.streaming', title: 'Study retrieves are streamed', verifies: ['WADO-016'], when, steps: [streaming()] }),
        ],
      },
      tlsGroup({ actor: ACTOR, endpoints: ['wadoRs'], when, prefix: 'wado' }),
      auditGroup({ actor: ACTOR, prefix: 'wado', when, dependsOn: [MANIFEST], probe: wadoProbe }),
      {
        id: 'security-iua',
        title: 'Bearer tokens and rights (IUA)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'wado.auth.no-token',
            title: 'No valid token: 401 with a Bearer challenge',
            verifies: ['SEC-005'],
            when,
            steps: [noToken()],
          }),
          defineTest({
            id: 'wado.auth.other-patient',
            title: 'A token for another patient is refused',
            verifies: ['SEC-006'],
            when,
            steps: [otherPatient()],
          }),
          defineTest({
            id: 'wado.auth.manifest-rights',
            title: "Rights to the manifest's study give its images",
            verifies: ['SEC-007'],
            dependsOn: [MANIFEST],
            when,
            steps: [manifestRights(state)],
          }),
          defineTest({
            id: 'wado.auth.qido-scope',
            title: 'QIDO confined to the granted study',
            verifies: ['SEC-009'],
            dependsOn: [MANIFEST],
            when,
            steps: [qidoScope(state)],
          }),
        ],
      },
    ],
  });
}
