// Test plan: Initiating Gateway (XCA / XCA-I, architecture B). We play a consumer of the SUT's
// community and send ITI-18, ITI-43 and RAD-69 to its initiating gateway; behind it are our
// responding-gateway communities (communities.ts): one answers, one is slow, one is down, one
// knows the patient but holds nothing. The gateway must merge what arrives in time with each
// object's home, report the others XDSUnavailableCommunity within its declared deadline, route
// retrieves by HomeCommunityId, refuse unknown communities, and (SHOULD) not rediscover a
// patient's location for every query. Its served endpoints must speak TLS as the profile
// requires (SEC-001/002, tlsGroup); as a TLS client, its ITI-38 to a community is sent again to
// our TLS servers, and it must refuse the bad server certificates and TLS versions (SEC-001/002).
// Simulators: `federation` (communities.ts), which the SUT's gateway must be configured with,
// and the TLS servers of common/initiator-tls.ts (simulators.ts).
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import { tlsGroup } from '../common/tls-steps.ts';
import { communityPath } from './simulators.ts';
import { PATIENTS } from './communities.ts';
import type { PlanState } from './state.ts';
import { cachesLocation } from './steps/location-cache.ts';
import { federatedFind, partialSuccess, unknownCommunity } from './steps/query.ts';
import { routedImagingRetrieve, routedRetrieve } from './steps/retrieve.ts';

export const PLAN_ID = 'initiating-gateway';
const ROLE = 'Initiating Gateway';
const FIND = 'ig.find';

/** `waitMs`: how long each wait for a gateway-initiated connection to our TLS servers lasts (default 120 s). */
export function initiatingGatewayPlan(opts: { waitMs?: number } = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? 120_000;
  const when = { roles: [ROLE] };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'Initiating Gateway: federated ITI-18, ITI-43 and RAD-69 over communities that answer, are slow or are down',
    timeoutMs: 120_000,
    groups: [
      {
        id: 'query',
        title: 'Federated query (ITI-18 -> ITI-38)',
        actor: ROLE,
        tests: [
          defineTest({
            id: FIND,
            title: "FindDocuments merges the reachable community's entries with their home",
            verifies: ['XDS-027'],
            when,
            steps: [federatedFind(state)],
          }),
          defineTest({
            id: 'ig.partial',
            title: 'Slow and down communities: PartialSuccess with XDSUnavailableCommunity, within the deadline',
            verifies: ['XDS-027'],
            dependsOn: [FIND],
            when,
            steps: [partialSuccess(state)],
          }),
          defineTest({
            id: 'ig.unknown-community',
            title: 'An unknown homeCommunityId is refused with XDSUnknownCommunity',
            verifies: ['XDS-027'],
            when,
            steps: [unknownCommunity()],
          }),
          defineTest({
            id: 'ig.location-cache',
            title: "The patient's location is not rediscovered for every query",
            verifies: ['XDS-030'],
            when,
            steps: [cachesLocation()],
          }),
        ],
      },
      {
        id: 'retrieve',
        title: 'Routed retrieve (ITI-43 -> ITI-39, RAD-69 -> RAD-75)',
        actor: ROLE,
        tests: [
          defineTest({
            id: 'ig.retrieve',
            title: 'ITI-43 goes to the community named by HomeCommunityId',
            verifies: ['XDS-028'],
            dependsOn: [FIND],
            when,
            steps: [routedRetrieve()],
          }),
          defineTest({
            id: 'ig.retrieve-imaging',
            title: 'RAD-69 goes to the community named by HomeCommunityId, as RAD-75',
            verifies: ['XDS-029'],
            dependsOn: [FIND],
            when: { roles: [ROLE], options: ['RAD-69'] },
            steps: [routedImagingRetrieve()],
          }),
        ],
      },
      tlsGroup({ actor: ROLE, endpoints: ['igQuery', 'igRetrieve'], when, prefix: 'ig' }),
      initiatorTlsGroup({
        actor: ROLE,
        prefix: 'ig',
        when,
        what: `your gateway's ITI-38 Cross Gateway Query to community a (FindDocuments for patient ${PATIENTS.first})`,
        path: communityPath,
        waitMs,
        // Three connections the tester makes the gateway open, one after the other.
        testTimeoutMs: 3 * waitMs,
      }),
    ],
  });
}
