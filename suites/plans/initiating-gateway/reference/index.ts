// The reference Initiating Gateway: our XCA initiating gateway (simulators/xca) configured
// with the plan's communities (their endpoints, homes and the patient cross-reference), a 1 s
// deadline per community and a patient location memory, behind a proxy that a broken variant
// uses to make one mistake (defects.ts); the proxy is its mutual-TLS front from a test PKI, and
// its ITI-38 goes again over mutual TLS to the plan's TLS servers (the initiator variants weaken
// that client). The communities are the plan's simulators, started here.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { IG_PREFIX, initiatingGatewaySimulator, soapCallers } from '../../../../simulators/xca/initiating-server.ts';
import { patientMemory } from '../../../../simulators/xca/location-cache.ts';
import { PatientXref } from '../../../../simulators/xca/patient-xref.ts';
import { xdsConfig } from '../../../../simulators/xds/config.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceClientTls, referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { param } from '../../../../simulators/clients/xds-consumer.ts';
import { crossGatewayQueryCall } from '../../../../simulators/xca/client.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { communityPath, startIgSimulators } from '../simulators.ts';
import { communityOf, federationOf, NATIONAL_ISSUER, nationalCx, PATIENTS } from '../communities.ts';
import { rewriteOf, type DefectId } from './defects.ts';

/** Short, so the reference run adds about a second; a real gateway declares its own. */
const TIMEOUT_MS = 1_000;

export async function startReferenceGateway(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const profile: SutProfile = {
    name: `mcwg reference Initiating Gateway${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['Initiating Gateway'],
    options: ['XCA', 'RAD-69'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'national patient ID domain', issuer: NATIONAL_ISSUER, patients: Object.values(PATIENTS) }],
    oids: {},
    xca: { communityTimeoutMs: TIMEOUT_MS },
  };
  // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
  // The same PKI is the deployment's: the plan's TLS servers present its certificates.
  const tls = await referenceTls(join(dataDir, 'pki'), tlsWeaknessOf(defect));
  const simulators = await startIgSimulators({ dataDir: join(dataDir, 'communities'), sut: { ...profile, tls: tls.profile } });
  const stops: (() => Promise<void>)[] = Object.values(simulators).map((s) => () => s.stop());
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const f = federationOf(simulators)!;
    const store = await openStore(`sqlite:${join(dataDir, 'gateway.sqlite')}`);
    stops.push(() => store.close());
    const gateways = f.communities.map((c) => ({ homeCommunityId: c.home, query: c.query, retrieve: c.retrieve }));
    const timeoutMs = defect === 'waits-for-slow' ? 60_000 : TIMEOUT_MS;
    let callers = soapCallers(gateways, timeoutMs);
    if (defect === 'wrong-route') {
      const [a, d] = [communityOf(f, 'normal').home, communityOf(f, 'empty').home];
      const to = callers.find((c) => c.homeCommunityId === d)!;
      callers = callers.map((c) => (c.homeCommunityId === a ? { ...c, retrieve: to.retrieve, retrieveImaging: to.retrieveImaging! } : c));
    }
    const xref = new PatientXref(
      f.communities.flatMap((c) => Object.entries(c.locals).map(([national, local]) => ({ national, homeCommunityId: c.home, local }))),
    );
    const running = await startSimulators({
      plugins: [
        initiatingGatewaySimulator({
          store,
          config: xdsConfig({ acceptAnyPatient: true }),
          gateways,
          callers,
          timeoutMs,
          xref,
          ...(defect === 'rediscovers-every-query' ? {} : { memory: patientMemory({ ttlMs: 10 * 60_000 }) }),
        }),
      ],
    });
    stops.push(() => running.stop());
    const proxy = await startProxy(running.url, rewriteOf(defect), tls.server);
    stops.push(() => proxy.stop());
    // As the plan's initiator TLS group asks, the gateway's ITI-38 to community a goes again, over
    // mutual TLS from the same PKI, to each of the plan's TLS servers; refused or not, the next is
    // tried (the plan judges each connection).
    const clientTls = referenceClientTls(tls.profile, defect);
    const a = communityOf(f, 'normal');
    const checking = (async () => {
      for (const key of Object.values(TRAP_KEYS)) {
        const trap = simulators[key];
        if (!trap) continue;
        await crossGatewayQueryCall(
          `${trap.url}${communityPath}`,
          {
            queryId: QUERY.FindDocuments,
            parameters: [
              param('$XDSDocumentEntryPatientId', a.locals[nationalCx(PATIENTS.first)]!),
              param('$XDSDocumentEntryStatus', STATUS.approved),
            ],
            tls: clientTls,
          },
          () => undefined,
        ).catch(() => undefined);
      }
    })();
    stops.push(() => checking);
    const sut: SutProfile = {
      ...profile,
      tls: tls.profile,
      endpoints: { igQuery: `${proxy.url}${IG_PREFIX}/registry`, igRetrieve: `${proxy.url}${IG_PREFIX}/repository` },
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
