// Our lenient XDS registry + repository (`xds`) as a plan's simulator: on port 0
// with a SQLite store in the data folder, knowing the patients of the SUT's affinity domain.
// Lenient: metadata problems come back to the SUT as warnings and the manifest is kept, so
// the plan's own validators (not the registry) name the requirement.
import { join } from 'node:path';
import type { Simulator } from '../../../model/exchange.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import { xdsConfig } from '../../../simulators/xds/config.ts';
import { metadataValidator } from '../../../simulators/xds/metadata-validator.ts';
import { startXds } from '../../../simulators/xds/server.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { knownPatients } from './xds-messages.ts';

export async function startLenientXds(opts: {
  dataDir: string;
  sut: Pick<SutProfile, 'patientIdDomains'>;
}): Promise<Record<string, Simulator>> {
  const store = await openStore(`sqlite:${join(opts.dataDir, 'xds.sqlite')}`);
  try {
    const xds = await startXds({
      store,
      config: xdsConfig({ knownPatients: knownPatients(opts.sut.patientIdDomains), strictness: 'lenient', validate: metadataValidator() }),
    });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= xds.stop().then(() => store.close()));
    return { xds: { url: xds.url, exchanges: () => xds.exchanges(), stop } };
  } catch (err) {
    await store.close();
    throw err;
  }
}
