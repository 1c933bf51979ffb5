// The reference MHD Document Consumer: starts the plan's seeded simulators (registry, WADO-RS
// source, MHD responder) and, in the background as a real viewer would while the tester
// watches, finds and opens the target study (consumer.ts). With a defect it makes one mistake.
import { mkdir } from 'node:fs/promises';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { consume } from './consumer.ts';
import type { DefectId } from './defects.ts';

export const PLAN_ID = 'mhd-document-consumer';

export async function startReferenceMhdConsumer(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  await mkdir(opts.dataDir, { recursive: true });
  const simulators = await startPlanSimulators({ dataDir: opts.dataDir });
  const seeded = seededOf(simulators)!;
  const [target, , mr] = seeded.studies;
  const running = consume(
    {
      fhir: simulators.mhd!.url,
      wado: simulators.wado!.url,
      patientToken: `urn:oid:${IDC_DOMAIN.issuerOid}|${IDC_DOMAIN.patientId}`,
      targetUid: target!.manifestUid,
      decoyUid: mr!.manifestUid,
      studyUid: target!.study.studyInstanceUid,
    },
    opts.defect,
  ).catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference MHD Document Consumer${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
    roles: ['Imaging Document Consumer'],
    options: ['MHD'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'consumer plan', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }],
    oids: {},
  };
  let stopped: Promise<void> | undefined;
  const stopAll = async () => {
    await running;
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  return { sut, simulators, stop: () => (stopped ??= stopAll()) };
}
