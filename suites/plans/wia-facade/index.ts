// Test plan: WIA Facade. The SUT facade is configured with our seeded registry/repository (three
// manifests of one patient) and our WADO-RS source; we act as a local DICOMweb viewer: QIDO
// studies -> QIDO series -> WADO-RS retrieve, and a query no viewer may make (unscoped); and the
// facade's TLS (SEC-001, SEC-002) when its endpoint is https://.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { procedureMapping, seriesQuery, studyQuery, unscoped } from './steps/query.ts';
import { retrieveSeries } from './steps/retrieve.ts';

export const PLAN_ID = 'wia-facade';
const ROLE = 'WIA Facade';
const STUDIES = 'wia.studies';

export function wiaFacadePlan(): PlanDef {
  const when = { roles: [ROLE] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: "WIA Facade: a DICOMweb viewer's QIDO-RS and WADO-RS against the sharing infrastructure",
    timeoutMs: 60_000,
    groups: [
      {
        id: 'query',
        title: 'QIDO-RS answered from manifests (RAD-129)',
        actor: ROLE,
        tests: [
          defineTest({
            id: STUDIES,
            title: "The patient's studies, from the manifests",
            verifies: ['WIA-002'],
            when,
            steps: [studyQuery()],
          }),
          defineTest({
            id: 'wia.procedure',
            title: 'Procedure codes mapped the MCWG way',
            verifies: ['WIA-003'],
            dependsOn: [STUDIES],
            when,
            steps: [procedureMapping()],
          }),
          defineTest({
            id: 'wia.series',
            title: 'The series of a study, from its manifest',
            verifies: ['WIA-004'],
            dependsOn: [STUDIES],
            when,
            steps: [seriesQuery()],
          }),
          defineTest({ id: 'wia.scope', title: 'Queries are scoped to one patient', verifies: ['WIA-006'], when, steps: [unscoped()] }),
        ],
      },
      {
        id: 'retrieve',
        title: 'WADO-RS proxied to the source (RAD-107)',
        actor: ROLE,
        tests: [
          defineTest({
            id: 'wia.retrieve',
            title: "A series through the facade is the source's",
            verifies: ['WIA-005'],
            dependsOn: [STUDIES],
            when,
            steps: [retrieveSeries()],
          }),
        ],
      },
      tlsGroup({ actor: ROLE, endpoints: ['wiaBase'], when, prefix: 'wia' }),
    ],
  });
}
