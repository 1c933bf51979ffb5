// The simulators this plan talks through: our XDS registry/repository and WADO-RS source,
// seeded with three studies (shared with the MHD consumer plan: ../common/imaging-consumer/),
// the target study also carrying a key-image note (KIN-012/013), and the TLS servers that check
// the SUT's handling of server certificates (../common/initiator-tls.ts). A consumer that
// declares the XCA option works in architecture B: it reaches the registry and repository
// through our initiating gateway, the studies in a remote community (federated.ts).
import type { Simulator } from '../../../model/exchange.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { startFederatedSimulators } from '../common/imaging-consumer/federated.ts';
import { startPlanSimulators as startSeeded } from '../common/imaging-consumer/seeded-xds.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

async function startArchitecture(opts: {
  dataDir: string;
  busyFirst?: boolean;
  sut?: Partial<Pick<SutProfile, 'options'>>;
}): Promise<Record<string, Simulator>> {
  const seeded = { dataDir: opts.dataDir, keyImages: true, ...(opts.busyFirst !== undefined ? { busyFirst: opts.busyFirst } : {}) };
  return opts.sut?.options?.includes('XCA') ? startFederatedSimulators(seeded) : startSeeded(seeded);
}

export const startPlanSimulators = withTlsTraps(startArchitecture, 'xds');
