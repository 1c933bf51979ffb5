// The reference Responding Gateway: our XCA responding gateway (simulators/xca) in front of one
// community's registry/repository (SQLite in the data folder), seeded with one document for
// the profile's patient through the community's own ITI-41, behind a proxy that a broken
// variant uses to make one mistake (defects.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { provideAndRegister } from '../../../../simulators/clients/xds-source.ts';
import { startSimulators } from '../../../../simulators/kit/start.ts';
import { openStore } from '../../../../simulators/store/open-store.ts';
import { communityXdsSimulator, localPaths, respondingGatewaySimulator, respondingPaths } from '../../../../simulators/xca/server.ts';
import { xdsConfig } from '../../../../simulators/xds/config.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { startProxy } from '../../../reference-sut/proxy.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { rewriteOf, type DefectId } from './defects.ts';

const HOME_OID = '1.3.6.1.4.1.21367.13.70.1';
const ISSUER = '1.3.6.1.4.1.21367.13.20.3000';
const PATIENT = 'MCWG-XCA-0001';
const NAME = 'community-a';

export async function startReferenceGateway(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { dataDir, defect } = opts;
  await mkdir(dataDir, { recursive: true });
  const store = await openStore(`sqlite:${join(dataDir, 'community-a.sqlite')}`);
  const stops: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const patientCx = `${PATIENT}^^^&${ISSUER}&ISO`;
    const config = xdsConfig({ knownPatients: new Set([patientCx]), strictness: 'strict' });
    const running = await startSimulators({
      plugins: [
        respondingGatewaySimulator({ name: NAME, homeCommunityId: `urn:oid:${HOME_OID}`, store, config }),
        communityXdsSimulator({ name: NAME, store, config }),
      ],
    });
    stops.push(() => running.stop());
    const seeded = await provideAndRegister(
      `${running.url}${localPaths(NAME).repository}`,
      buildSubmission({ patientCx }).request,
      () => undefined,
    );
    if (seeded.response?.status !== STATUS.success)
      throw new Error(`seeding the reference community failed: ${seeded.call.ok ? seeded.response?.status : seeded.call.error}`);
    // TLS on (SEC-001, SEC-002) at the proxy, the SUT's front; a TLS defect weakens one property.
    const tls = await referenceTls(
      join(opts.dataDir, 'pki'),
      defect === 'tls-legacy-versions' ? 'legacy-versions' : defect === 'tls-no-client-auth' ? 'no-client-auth' : undefined,
    );
    const proxy = await startProxy(running.url, rewriteOf(defect), tls.server);
    stops.push(() => proxy.stop());
    const paths = respondingPaths(NAME);
    const sut: SutProfile = {
      name: `mcwg reference Responding Gateway${defect ? ` (defect: ${defect})` : ''}`,
      roles: ['Responding Gateway'],
      options: [],
      endpoints: { xcaQuery: `${proxy.url}${paths.query}`, xcaRetrieve: `${proxy.url}${paths.retrieve}` },
      aeTitles: {},
      patientIdDomains: [{ name: 'community A affinity domain', issuer: ISSUER, patients: [PATIENT] }],
      tls: tls.profile,
      oids: { homeCommunityId: HOME_OID },
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators: {}, stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
