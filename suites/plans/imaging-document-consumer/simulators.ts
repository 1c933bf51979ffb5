// The simulators this plan talks through: our XDS registry/repository and WADO-RS source,
// seeded with three studies (shared with the MHD consumer plan: ../common/imaging-consumer/);
// here the target study also carries a key-image note (KIN-012/013).
import type { Simulator } from '../../../model/exchange.ts';
import { startPlanSimulators as startSeeded } from '../common/imaging-consumer/seeded-xds.ts';

export function startPlanSimulators(opts: { dataDir: string; busyFirst?: boolean }): Promise<Record<string, Simulator>> {
  return startSeeded({ ...opts, keyImages: true });
}
