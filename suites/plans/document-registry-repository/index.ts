// Test plan: Document Registry and Repository (XDS.b as the MCWG affinity domain uses it).
// We act as Document Source (ITI-41) and Document Consumer (ITI-18, ITI-43) against the SUT
// with conformant and one-change faulty submissions, and check the XDS answers: Success,
// the error codes, what queries return, RPLC deprecation and the retrieved bytes.
// No simulator: every transaction is ours to initiate (endpoints.registry/.repository).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import type { PlanState } from './state.ts';
import { findRegistered, missingParam } from './steps/find.ts';
import { hashMismatch } from './steps/hash-mismatch.ts';
import { provide } from './steps/provide.ts';
import {
  documentWithoutMetadata,
  duplicateUniqueId,
  metadataError,
  patientMismatch,
  unknownPatient,
  valueSetEnforced,
} from './steps/refusals.ts';
import { replaceDeprecates } from './steps/replace.ts';
import { retrieveRegistered, retrieveUnknown } from './steps/retrieve.ts';
import { dateRange, eventCodeSemantics, exclusiveParams, linkedSet, referenceIdExact } from './steps/query-semantics.ts';
import { registerDocumentSet } from './steps/register.ts';
import { malformedSoap, xmlAttacks } from './steps/xml-attacks.ts';
import { auditGroup, registryProbe } from '../common/audit-steps.ts';

export const PLAN_ID = 'document-registry-repository';
const REPOSITORY = 'Document Repository';
const REGISTRY = 'Document Registry';
const PROVIDE = 'drr.provide';
const FIND = 'drr.find';

export function documentRegistryRepositoryPlan(): PlanDef {
  const state: PlanState = {};
  const repo = { roles: [REPOSITORY] };
  const reg = { roles: [REGISTRY] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Document Registry and Repository: ITI-41, ITI-18, ITI-43 and the XDS error codes',
    timeoutMs: 60_000,
    groups: [
      {
        id: 'submit',
        title: 'Provide and Register (ITI-41)',
        actor: REPOSITORY,
        tests: [
          defineTest({
            id: PROVIDE,
            title: 'A conformant submission is accepted',
            verifies: ['XDS-003'],
            when: repo,
            steps: [provide(state)],
          }),
          defineTest({
            id: 'drr.unknown-patient',
            title: 'An unknown patient is refused',
            verifies: ['XDS-005'],
            when: reg,
            steps: [unknownPatient()],
          }),
          defineTest({
            id: 'drr.metadata-error',
            title: 'Missing required metadata is refused',
            verifies: ['XDS-007'],
            when: reg,
            steps: [metadataError()],
          }),
          defineTest({
            id: 'drr.patient-mismatch',
            title: 'A patient mismatch inside a submission is refused',
            verifies: ['XDS-006'],
            when: reg,
            steps: [patientMismatch()],
          }),
          defineTest({
            id: 'drr.document-without-metadata',
            title: 'A document part without metadata is refused',
            verifies: ['XDS-002'],
            when: repo,
            steps: [documentWithoutMetadata()],
          }),
          defineTest({
            id: 'drr.value-set-enforced',
            title: 'A code outside its value set is refused',
            verifies: ['META-006'],
            when: reg,
            steps: [valueSetEnforced()],
          }),
          defineTest({
            id: 'drr.duplicate',
            title: 'A registered uniqueId with other content is refused',
            verifies: ['XDS-008'],
            when: reg,
            steps: [duplicateUniqueId()],
          }),
          defineTest({
            id: 'drr.hash-mismatch',
            title: 'A wrong hash is refused, atomically',
            verifies: ['XDS-009', 'XDS-010'],
            when: repo,
            steps: [hashMismatch()],
          }),
          defineTest({
            id: 'drr.replace',
            title: 'RPLC deprecates the original',
            verifies: ['XDS-024'],
            when: reg,
            steps: [replaceDeprecates()],
          }),
          defineTest({
            id: 'drr.register',
            title: 'Register Document Set-b (ITI-42) registers and relays registry errors',
            verifies: ['XDS-011'],
            when: reg,
            steps: [registerDocumentSet()],
          }),
        ],
      },
      {
        id: 'query',
        title: 'Registry Stored Query (ITI-18)',
        actor: REGISTRY,
        tests: [
          defineTest({
            id: FIND,
            title: 'FindDocuments returns what was registered',
            verifies: ['XDS-014', 'XDS-015'],
            dependsOn: [PROVIDE],
            when: reg,
            steps: [findRegistered(state)],
          }),
          defineTest({
            id: 'drr.missing-param',
            title: 'A missing required parameter is refused',
            verifies: ['XDS-016'],
            when: reg,
            steps: [missingParam()],
          }),
          defineTest({
            id: 'drr.exclusive-params',
            title: 'Mutually exclusive parameters are refused',
            verifies: ['XDS-017'],
            when: reg,
            steps: [exclusiveParams()],
          }),
          defineTest({
            id: 'drr.event-codes',
            title: 'Event code lists: OR within, AND across',
            verifies: ['XDS-018'],
            when: reg,
            steps: [eventCodeSemantics()],
          }),
          defineTest({
            id: 'drr.date-range',
            title: 'Service time bounds: inclusive From, exclusive To',
            verifies: ['XDS-019'],
            when: reg,
            steps: [dateRange()],
          }),
          defineTest({
            id: 'drr.reference-id',
            title: 'FindDocumentsByReferenceId matches exactly',
            verifies: ['XDS-020'],
            when: reg,
            steps: [referenceIdExact()],
          }),
          defineTest({
            id: 'drr.linked-set',
            title: 'The linked set is found by study UID and by accession',
            verifies: ['LINK-007'],
            when: reg,
            steps: [linkedSet()],
          }),
        ],
      },
      {
        id: 'retrieve',
        title: 'Retrieve Document Set (ITI-43)',
        actor: REPOSITORY,
        tests: [
          defineTest({
            id: 'drr.retrieve',
            title: 'The registered document comes back byte for byte',
            verifies: ['XDS-022'],
            dependsOn: [FIND],
            when: repo,
            steps: [retrieveRegistered(state)],
          }),
          defineTest({
            id: 'drr.retrieve-unknown',
            title: 'An unknown uniqueId is refused',
            verifies: ['XDS-023'],
            when: repo,
            steps: [retrieveUnknown(state)],
          }),
        ],
      },
      {
        id: 'bad-input',
        title: 'Malformed SOAP and XML attacks',
        actor: REGISTRY,
        tests: [
          defineTest({
            id: 'drr.malformed-soap',
            title: 'Malformed SOAP is answered with a fault',
            verifies: ['XDS-031'],
            when: reg,
            steps: [malformedSoap()],
          }),
          defineTest({
            id: 'drr.xml-attacks',
            title: 'DTDs and entities are refused, never resolved',
            verifies: ['SEC-008'],
            when: reg,
            steps: [xmlAttacks()],
          }),
        ],
      },
      tlsGroup({ actor: REGISTRY, endpoints: ['registry', 'repository'], when: { roles: [REGISTRY, REPOSITORY] }, prefix: 'drr' }),
      auditGroup({ actor: REGISTRY, prefix: 'drr', when: { roles: [REPOSITORY, REGISTRY] }, probe: registryProbe }),
    ],
  });
}
