// Test plan: MHD Document Recipient / Responder. We act as MHD Document Source (ITI-65) and
// Consumer (ITI-67, ITI-68) against the SUT's FHIR base (endpoints.fhir): conformant and
// faulty publications, searches by GET and POST, a refused search, retrieval, capabilities.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import type { PlanState } from './calls.ts';
import { provide, unknownPatient } from './steps/provide.ts';
import { retrieveProvided } from './steps/retrieve.ts';
import { capabilityStatement, findProvided, missingStatus, postSearch } from './steps/search.ts';
import { auditGroup, mhdResponderProbe } from '../common/audit-steps.ts';

export const PLAN_ID = 'mhd-document-responder';
const ACTOR = 'MHD Document Responder';
const PROVIDE = 'mhd.provide';
const FIND = 'mhd.find';

export function mhdDocumentResponderPlan(): PlanDef {
  const state: PlanState = {};
  const recipient = { roles: ['MHD Document Recipient', ACTOR] };
  const when = { roles: [ACTOR] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'MHD Document Recipient / Responder: ITI-65, ITI-67, ITI-68',
    timeoutMs: 60_000,
    groups: [
      {
        id: 'provide',
        title: 'Provide Document Bundle (ITI-65)',
        actor: 'MHD Document Recipient',
        tests: [
          defineTest({
            id: PROVIDE,
            title: 'A conformant Bundle is accepted',
            verifies: ['MHD-005'],
            when: recipient,
            steps: [provide(state)],
          }),
          defineTest({
            id: 'mhd.unknown-patient',
            title: 'An unknown patient is refused',
            verifies: ['MHD-006'],
            when: recipient,
            steps: [unknownPatient()],
          }),
        ],
      },
      {
        id: 'search',
        title: 'Find Document References (ITI-67)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: FIND,
            title: 'The provided document is found',
            verifies: ['MHD-008'],
            dependsOn: [PROVIDE],
            when,
            steps: [findProvided(state)],
          }),
          defineTest({
            id: 'mhd.post-search',
            title: 'POST _search works alike',
            verifies: ['MHD-015'],
            dependsOn: [PROVIDE],
            when,
            steps: [postSearch(state)],
          }),
          defineTest({
            id: 'mhd.missing-status',
            title: 'A search without status is refused',
            verifies: ['MHD-011'],
            when,
            steps: [missingStatus()],
          }),
          defineTest({
            id: 'mhd.capability',
            title: 'The CapabilityStatement answers',
            verifies: ['MHD-016'],
            when,
            steps: [capabilityStatement()],
          }),
        ],
      },
      {
        id: 'retrieve',
        title: 'Retrieve Document (ITI-68)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'mhd.retrieve',
            title: 'The document bytes come back',
            verifies: ['MHD-013'],
            dependsOn: [FIND],
            when,
            steps: [retrieveProvided(state)],
          }),
        ],
      },
      tlsGroup({ actor: ACTOR, endpoints: ['fhir'], when: recipient, prefix: 'mhd' }),
      auditGroup({ actor: ACTOR, prefix: 'mhd', when: recipient, probe: mhdResponderProbe }),
    ],
  });
}
