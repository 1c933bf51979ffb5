// The reference WIA facade: our facade (simulators/wia) reading the seeded registry over ITI-18 /
// ITI-43 and forwarding WADO-RS to the seeded source, behind a proxy that a broken variant uses
// to make one mistake (defects.ts). The seeded simulators are the plan's own (`xds`, `wado`).
// The proxy is the facade's front, with mutual TLS from the reference's own test PKI. As the
// plan's initiator TLS group asks, the facade's registry look-up (ITI-18) goes again, over mutual
// TLS from the same PKI, to each of the plan's TLS servers (unknown CA, expired, valid, TLS
// 1.0/1.1 only), verifying their certificates against the deployment CA; the initiator variants
// weaken that client (defects.ts).
import { join } from 'node:path';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { param, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { registryBackend } from '../../../../simulators/wia/backend.ts';
import { wiaFacadeSimulator } from '../../../../simulators/wia/server.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceClientTls, referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { startWiaSimulators } from '../simulators.ts';
import { rewriteOf, type DefectId } from './defects.ts';

export async function startReferenceFacade(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
  // The same PKI is the deployment's: the plan's TLS servers present its certificates.
  const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(opts.defect));
  const simulators = await startWiaSimulators({ dataDir: opts.dataDir, sut: { tls: tls.profile } });
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
    const proxy = await startProxy(facade.url, rewriteOf(opts.defect), tls.server);
    stops.push(() => proxy.stop());
    const clientTls = referenceClientTls(tls.profile, opts.defect);
    const checking = (async () => {
      for (const key of Object.values(TRAP_KEYS)) {
        const trap = simulators[key];
        if (!trap) continue;
        // Refused or not, the next server is tried: the plan judges each connection.
        await storedQuery(
          `${trap.url}${XDS_PATHS.registry}`,
          QUERY.FindDocuments,
          [param('$XDSDocumentEntryPatientId', seeded.patientCx), param('$XDSDocumentEntryStatus', STATUS.approved)],
          () => undefined,
          'LeafClass',
          clientTls,
        ).catch(() => undefined);
      }
    })();
    stops.push(() => checking);
    const sut: SutProfile = {
      name: `mcwg reference WIA Facade${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
      roles: ['WIA Facade'],
      options: [],
      endpoints: { wiaBase: `${proxy.url}${new URL(facade.simulators.wia!.base).pathname}` },
      aeTitles: {},
      patientIdDomains: [{ name: 'consumer plan affinity domain', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
      oids: {},
      tls: tls.profile,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
