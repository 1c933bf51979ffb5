// The reference Image Display: our IID simulator (simulators/iid) reading the plan's WADO-RS
// source and trusting the plan's token issuer, behind a proxy that a broken variant uses to make
// one mistake (defects.ts); 'no-auth' is the one config switch (everyone is let in). The proxy
// is the viewer's front, with mutual TLS from the reference's own test PKI. As the plan's
// initiator TLS group asks, the viewer's metadata read of the study goes again, over mutual TLS
// from the same PKI, to each of the plan's TLS servers (unknown CA, expired, valid, TLS 1.0/1.1
// only), verifying their certificates against the deployment CA; the initiator variants weaken
// that client (defects.ts).
import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { bearerAuthentication, imageDisplaySimulator, sourceMetadata } from '../../../../simulators/iid/server.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceClientTls, referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { AUDIENCE, ISSUER, startImageDisplaySimulators, type IdpSimulator, type StudySource } from '../simulators.ts';
import { rewriteOf, type DefectId } from './defects.ts';

export async function startReferenceDisplay(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
  // The same PKI is the deployment's: the plan's TLS servers present its certificates.
  const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(opts.defect));
  const simulators = await startImageDisplaySimulators({ dataDir: opts.dataDir, sut: { tls: tls.profile } });
  const stops: (() => Promise<void>)[] = Object.values(simulators).map((s) => () => s.stop());
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const idp = simulators.idp as IdpSimulator;
    const authenticate =
      opts.defect === 'no-auth'
        ? () => ({ ok: true as const, user: 'anyone' })
        : bearerAuthentication({ keys: createLocalJWKSet(idp.key.jwks), audience: AUDIENCE, issuer: ISSUER });
    const display = await startSimulators({ plugins: [imageDisplaySimulator({ source: simulators.wado!.url, authenticate })] });
    stops.push(() => display.stop());
    const proxy = await startProxy(display.url, rewriteOf(opts.defect), tls.server);
    stops.push(() => proxy.stop());
    const clientTls = referenceClientTls(tls.profile, opts.defect);
    const study = (simulators.wado as StudySource).studyUid;
    const checking = (async () => {
      for (const key of Object.values(TRAP_KEYS)) {
        const trap = simulators[key];
        // Refused or not, the next server is tried: the plan judges each connection.
        if (trap) await sourceMetadata(`${trap.url}/dicom-web`, 30_000, clientTls)(study).catch(() => undefined);
      }
    })();
    stops.push(() => checking);
    const sut: SutProfile = {
      name: `mcwg reference Image Display${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
      roles: ['Image Display'],
      // Reached directly by URL and from report metadata alike: it is tested as a central viewer too.
      options: ['SSV2'],
      endpoints: { iid: `${proxy.url}${new URL(display.simulators.iid!.base).pathname}` },
      aeTitles: {},
      patientIdDomains: [],
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
