// Test plan: Responding Gateway (XCA, architecture B). We act as an Initiating Gateway and call
// the SUT's ITI-38 and ITI-39 endpoints for a patient its community holds documents for, and
// check what federation depends on: home on every returned object and on every retrieved
// document, the XCA error codes, and bytes that match the metadata; with the RAD-69 option
// (XCA-I), RAD-75 for an instance of the community's manifest; and that the gateway audits
// an ITI-38 and an ITI-39 of ours (SEC-003/004).
// No simulator but our Audit Record Repository (when the profile declares audit): every
// transaction is ours to initiate (endpoints.xcaQuery, .xcaRetrieve).
import { auditGroup } from '../common/audit-steps.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { gatewayProbe } from './audit-probe.ts';
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import type { PlanState } from './state.ts';
import { findWithHome, missingHome, unknownCommunity } from './steps/query.ts';
import { retrieveFound } from './steps/retrieve.ts';
import { retrieveImagingInstance } from './steps/retrieve-imaging.ts';

export const PLAN_ID = 'responding-gateway';
const ROLE = 'Responding Gateway';
const FIND = 'rg.find';

export function respondingGatewayPlan(): PlanDef {
  const state: PlanState = {};
  const when = { roles: [ROLE] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Responding Gateway: ITI-38 Cross Gateway Query and ITI-39 Cross Gateway Retrieve',
    timeoutMs: 60_000,
    groups: [
      {
        id: 'query',
        title: 'Cross Gateway Query (ITI-38)',
        actor: ROLE,
        tests: [
          defineTest({
            id: FIND,
            title: "FindDocuments returns the community's entries with home",
            verifies: ['XDS-027'],
            when,
            steps: [findWithHome(state)],
          }),
          defineTest({
            id: 'rg.unknown-community',
            title: 'A query for another community is refused',
            verifies: ['XDS-027'],
            when,
            steps: [unknownCommunity()],
          }),
          defineTest({
            id: 'rg.missing-home',
            title: 'A query by id without home is refused',
            verifies: ['XDS-027'],
            dependsOn: [FIND],
            when,
            steps: [missingHome(state)],
          }),
        ],
      },
      {
        id: 'retrieve',
        title: 'Cross Gateway Retrieve (ITI-39) and, where offered, Retrieve Imaging Document Set (RAD-75)',
        actor: ROLE,
        tests: [
          defineTest({
            id: 'rg.retrieve',
            title: 'The found document comes back with HomeCommunityId and its bytes',
            verifies: ['XDS-028'],
            dependsOn: [FIND],
            when,
            steps: [retrieveFound(state)],
          }),
          defineTest({
            id: 'rg.retrieve-imaging',
            title: "RAD-75 returns an instance of the community's manifest",
            verifies: ['XDS-029'],
            dependsOn: [FIND],
            when: { roles: [ROLE], options: ['RAD-69'] },
            steps: [retrieveImagingInstance(state)],
          }),
        ],
      },
      tlsGroup({ actor: ROLE, endpoints: ['xcaQuery', 'xcaRetrieve'], when, prefix: 'rg' }),
      auditGroup({ actor: ROLE, prefix: 'rg', when, dependsOn: [FIND], probe: gatewayProbe(state) }),
    ],
  });
}
