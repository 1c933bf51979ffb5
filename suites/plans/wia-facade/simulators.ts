// The simulators the SUT facade talks to: the consumer plans' seeded world, our XDS
// registry/repository (`xds`, three manifests of one patient) and our WADO-RS source (`wado`).
// The source answers every retrieve: the busy first answer is a check of consumers, not of a facade.
// Beside them, the TLS servers that check the facade's back-end calls as a TLS client
// (../common/initiator-tls.ts; the valid one pipes to `xds`, so its ITI-18 gets the registry's answer).
import type { Simulator } from '../../../model/exchange.ts';
import { startPlanSimulators } from '../common/imaging-consumer/seeded-xds.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

const startSeeded = (opts: { dataDir: string }): Promise<Record<string, Simulator>> => startPlanSimulators({ ...opts, busyFirst: false });

export const startWiaSimulators = withTlsTraps(startSeeded, 'xds');
