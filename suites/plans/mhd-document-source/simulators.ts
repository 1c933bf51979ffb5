// The simulator this plan's SUT publishes to: our MHD Document Recipient (`mhd`, FHIR base
// {url}/fhir) on port 0 with a SQLite store in the data folder, knowing the patients of the
// SUT's affinity domain. Lenient: metadata problems do not reject the Bundle, so the plan's
// own checks (not the recipient) name the requirement. Beside it, the TLS servers that check the
// SUT's handling of server certificates and TLS versions (../common/initiator-tls.ts; the valid
// one pipes to `mhd`).
import { join } from 'node:path';
import type { Simulator } from '../../../model/exchange.ts';
import { mhdConfig } from '../../../simulators/mhd/config.ts';
import { startMhd } from '../../../simulators/mhd/index.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import { xdsConfig } from '../../../simulators/xds/config.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

async function startRecipient(opts: { dataDir: string; sut: Pick<SutProfile, 'patientIdDomains'> }): Promise<Record<string, Simulator>> {
  const store = await openStore(`sqlite:${join(opts.dataDir, 'mhd.sqlite')}`);
  try {
    const known = new Set(opts.sut.patientIdDomains.flatMap((d) => (d.patients ?? []).map((p) => `${p}^^^&${d.issuer}&ISO`)));
    const mhd = await startMhd({ store, config: mhdConfig({ xds: xdsConfig({ knownPatients: known, strictness: 'lenient' }) }) });
    return { mhd: { url: mhd.base, exchanges: () => mhd.exchanges(), stop: () => mhd.stop() } };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export const startPlanSimulators = withTlsTraps(startRecipient, 'mhd');
