// Test plan: WIA Facade. The SUT facade is configured with our seeded registry/repository (three
// manifests of one patient) and our WADO-RS source; we act as a local DICOMweb viewer: QIDO
// studies -> QIDO series -> WADO-RS retrieve, and a query no viewer may make (unscoped); and the
// facade's TLS (SEC-001, SEC-002) when its endpoint is https://. As a TLS client, its back-end
// ITI-18 is sent again to our TLS servers, and it must refuse the bad server certificates and
// TLS versions (SEC-001, SEC-002).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { procedureMapping, seriesQuery, studyQuery, unscoped } from './steps/query.ts';
import { retrieveSeries } from './steps/retrieve.ts';
import { IDC_DOMAIN } from '../common/imaging-consumer/seed.ts';

export const PLAN_ID = 'wia-facade';
const ROLE = 'WIA Facade';
const STUDIES = 'wia.studies';

/** `waitMs`: how long each wait for a facade-initiated connection to our TLS servers lasts (default 120 s). */
export function wiaFacadePlan(opts: { waitMs?: number } = {}): PlanDef {
  const when = { roles: [ROLE] };
  const waitMs = opts.waitMs ?? 120_000;
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
      initiatorTlsGroup({
        actor: ROLE,
        prefix: 'wia',
        when,
        what: `your facade's back-end registry query (ITI-18 FindDocuments for patient ${IDC_DOMAIN.patientId})`,
        path: '/xds/registry',
        waitMs,
        // Three connections the tester makes the facade open, one after the other.
        testTimeoutMs: 3 * waitMs,
      }),
    ],
  });
}
