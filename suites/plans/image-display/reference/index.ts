// The reference Image Display: our IID simulator (simulators/iid) reading the plan's WADO-RS
// source and trusting the plan's token issuer, behind a proxy that a broken variant uses to make
// one mistake (defects.ts); 'no-auth' is the one config switch (everyone is let in). The proxy
// is the viewer's front, with mutual TLS from the reference's own test PKI.
import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { bearerAuthentication, imageDisplaySimulator } from '../../../../simulators/iid/server.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { AUDIENCE, ISSUER, startImageDisplaySimulators, type IdpSimulator } from '../simulators.ts';
import { rewriteOf, type DefectId } from './defects.ts';

export async function startReferenceDisplay(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const simulators = await startImageDisplaySimulators({ dataDir: opts.dataDir });
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
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(opts.defect));
    const proxy = await startProxy(display.url, rewriteOf(opts.defect), tls.server);
    stops.push(() => proxy.stop());
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
      localTestSetup: true,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
