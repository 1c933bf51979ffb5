// The reference Image Display: our IID simulator (simulators/iid) reading the plan's WADO-RS
// source and trusting the plan's token issuer, behind a proxy that a broken variant uses to make
// one mistake (defects.ts); 'no-auth' is the one config switch (everyone is let in).
import { createLocalJWKSet } from 'jose';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { bearerAuthentication, imageDisplaySimulator } from '../../../../simulators/iid/server.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
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
    const proxy = await startProxy(display.url, rewriteOf(opts.defect));
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
      localTestSetup: true,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
