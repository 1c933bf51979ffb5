// The simulators of the consumer plans, seeded: our XDS registry/repository (`xds`) holding the
// three manifests of seed.ts, and our WADO-RS source (`wado`) serving their images with
// QIDO-RS and metadata switched off, as MCWG's primary infrastructure allows (WADO-011): a
// consumer that needs them shows it. The `xds` simulator also carries the seeded studies for
// the plan's steps (SeededSimulators).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exchange, Simulator } from '../../../../model/exchange.ts';
import { provideAndRegister } from '../../../../simulators/clients/xds-source.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import { startWadoRs } from '../../../../simulators/wado-rs/index.ts';
import { cx, kosSubmission } from '../kos-submission.ts';
import { startLenientXds as startXdsSimulator } from '../xds-simulator.ts';
import { buildStudies, IDC_DOMAIN, manifestOf, specOf, type SeededStudy } from './seed.ts';

export interface SeededXds extends Simulator {
  studies: SeededStudy[];
  patientCx: string;
  registry: string;
  repository: string;
  /** Architecture B (federated.ts): the registry and repository are an initiating gateway's, the studies in this community. */
  homeCommunityId?: string;
}

export function seededOf(sims: Readonly<Record<string, Simulator>>): SeededXds | undefined {
  const x = sims.xds as Partial<SeededXds> | undefined;
  return x && Array.isArray(x.studies) ? (x as SeededXds) : undefined;
}

const SOURCE_ID = '2.999.1.31';

/**
 * `busyFirst` (default true): the first retrieve is answered 503 + Retry-After, for the consumer
 * plans' WADO-010 check; a plan whose SUT is not the consumer (the WIA facade) turns it off.
 */
export async function startPlanSimulators(opts: {
  dataDir: string;
  busyFirst?: boolean;
  /** The target study carries a key-image note (KIN-012/013); see seed.ts buildStudies. */
  keyImages?: boolean;
}): Promise<Record<string, Simulator>> {
  const imagesDir = join(opts.dataDir, 'images');
  await mkdir(imagesDir, { recursive: true });
  const built = await buildStudies(imagesDir, { keyImages: opts.keyImages === true });
  // The first retrieve is answered 503 + Retry-After (1 s): the consumer must wait and retry (WADO-010).
  const faults = opts.busyFirst === false ? {} : { busyFirst: 1, busySeconds: 1 };
  const wado = await startWadoRs({ dataDir: imagesDir, qido: false, metadata: false, faults });
  let xds: Simulator | undefined;
  try {
    const patientCx = cx(IDC_DOMAIN.patientId, IDC_DOMAIN.issuerOid);
    const sims = await startXdsSimulator({
      dataDir: opts.dataDir,
      sut: { patientIdDomains: [{ name: 'consumer plan', issuer: IDC_DOMAIN.issuerOid, patients: [IDC_DOMAIN.patientId] }] },
    });
    xds = sims.xds!;
    const repository = `${xds.url}${XDS_PATHS.repository}`;
    const studies: SeededStudy[] = [];
    const seeding: Exchange[] = [];
    for (const [n, b] of built.entries()) {
      const { manifestUid, manifest } = manifestOf(b.key, b.study, wado.base, b.kin);
      const res = await provideAndRegister(
        repository,
        kosSubmission({ study: b.study, manifest, manifestUid, patientCx, sourceId: SOURCE_ID, n: n + 1 }),
        (e) => void seeding.push(e),
        'RAD-68',
      );
      if (res.response?.status !== 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success')
        throw new Error(`consumer plan: seeding ${b.key} failed: ${JSON.stringify(res.response?.errors ?? res.call)}`);
      const spec = specOf(b.key);
      studies.push({
        key: b.key,
        modality: spec.modality,
        date: spec.date,
        accession: spec.accession,
        study: b.study,
        manifestUid,
        manifest,
        ...(b.kin ? { kin: b.kin } : {}),
      });
    }
    const started = xds;
    const seededXds: SeededXds = {
      url: started.url,
      exchanges: () => started.exchanges(),
      stop: () => started.stop(),
      studies,
      patientCx,
      registry: `${started.url}${XDS_PATHS.registry}`,
      repository,
    };
    return { xds: seededXds, wado: { url: wado.base, exchanges: () => wado.exchanges(), stop: () => wado.stop() } };
  } catch (err) {
    await xds?.stop();
    await wado.stop();
    throw err;
  }
}
