// The simulators the SUT facade talks to: the consumer plans' seeded world, our XDS
// registry/repository (`xds`, three manifests of one patient) and our WADO-RS source (`wado`).
// The source answers every retrieve: the busy first answer is a check of consumers, not of a facade.
import type { Simulator } from '../../../model/exchange.ts';
import { startPlanSimulators } from '../common/imaging-consumer/seeded-xds.ts';

export const startWiaSimulators = (opts: { dataDir: string }): Promise<Record<string, Simulator>> =>
  startPlanSimulators({ ...opts, busyFirst: false });
