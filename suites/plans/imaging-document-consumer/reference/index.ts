// The reference Imaging Document Consumer: the plan's seeded simulators (our registry/
// repository and WADO-RS source) and, in the background, a consumer built from our XDS and
// WADO-RS clients doing what the instructions ask (consumer.ts). With a defect (defects.ts)
// it makes one mistake, so the plan must fail on exactly it.
import type { RunningSut } from '../../../engine/plan-module.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { startPlanSimulators } from '../simulators.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { consume } from './consumer.ts';
import type { DefectId } from './defects.ts';

export const PLAN_ID = 'imaging-document-consumer';

export async function startReferenceConsumer(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const simulators = await startPlanSimulators({ dataDir: opts.dataDir });
  const stopSims = async () => {
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  const seeded = seededOf(simulators);
  if (!seeded) {
    await stopSims();
    throw new Error('reference consumer: the plan simulators are not seeded');
  }
  // Works in the background, as a real consumer would while the tester watches.
  const working = consume(seeded, opts.defect).catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference Imaging Document Consumer${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
    roles: ['Document Consumer', 'Imaging Document Consumer'],
    options: ['XDS-I.b'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'consumer plan', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
    oids: {},
  };
  let stopped: Promise<void> | undefined;
  return {
    sut,
    simulators,
    stop: () =>
      (stopped ??= (async () => {
        await working;
        await stopSims();
      })()),
  };
}
