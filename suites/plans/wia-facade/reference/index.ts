// The reference WIA facade: our facade (simulators/wia) reading the seeded registry over ITI-18 /
// ITI-43 and forwarding WADO-RS to the seeded source, behind a proxy that a broken variant uses
// to make one mistake (defects.ts). The seeded simulators are the plan's own (`xds`, `wado`).
// The proxy is the facade's front, with mutual TLS from the reference's own test PKI.
import { join } from 'node:path';
import { registryBackend } from '../../../../simulators/wia/backend.ts';
import { wiaFacadeSimulator } from '../../../../simulators/wia/server.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import { seededOf, startPlanSimulators } from '../../common/imaging-consumer/seeded-xds.ts';
import { rewriteOf, type DefectId } from './defects.ts';

export async function startReferenceFacade(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const simulators = await startPlanSimulators({ dataDir: opts.dataDir, busyFirst: false });
  const stops: (() => Promise<void>)[] = Object.values(simulators).map((s) => () => s.stop());
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const seeded = seededOf(simulators)!;
    const facade = await startSimulators({
      plugins: [
        wiaFacadeSimulator({
          backend: registryBackend({ registry: seeded.registry, repository: seeded.repository }),
          issuerOid: IDC_DOMAIN.issuerOid,
        }),
      ],
    });
    stops.push(() => facade.stop());
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(opts.defect));
    const proxy = await startProxy(facade.url, rewriteOf(opts.defect), tls.server);
    stops.push(() => proxy.stop());
    const sut: SutProfile = {
      name: `mcwg reference WIA Facade${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
      roles: ['WIA Facade'],
      options: [],
      endpoints: { wiaBase: `${proxy.url}${new URL(facade.simulators.wia!.base).pathname}` },
      aeTitles: {},
      patientIdDomains: [{ name: 'consumer plan affinity domain', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
      oids: {},
      tls: tls.profile,
      localTestSetup: true,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
