// The reference Initiating Gateway: our XCA initiating gateway (simulators/xca) configured
// with the plan's communities (their endpoints, homes and the patient cross-reference), a 1 s
// deadline per community and a patient location memory, behind a proxy that a broken variant
// uses to make one mistake (defects.ts); the proxy is its mutual-TLS front from a test PKI. The communities are the plan's simulators, started here.
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
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { communityOf, federationOf, NATIONAL_ISSUER, PATIENTS, startCommunities } from '../communities.ts';
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
  const simulators = await startCommunities({ dataDir: join(dataDir, 'communities'), sut: profile });
  const stops: (() => Promise<void>)[] = [() => simulators.federation!.stop()];
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
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = await referenceTls(join(dataDir, 'pki'), tlsWeaknessOf(defect));
    const proxy = await startProxy(running.url, rewriteOf(defect), tls.server);
    stops.push(() => proxy.stop());
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
