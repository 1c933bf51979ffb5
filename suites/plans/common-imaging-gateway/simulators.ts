// The simulators the gateway talks to: our XDS registry/repository (`xds`, lenient, knowing
// the national patient) where the gateway publishes and queries, and a remote site's WADO-RS
// source (`remote`) whose study we publish in the registry at start, for the gateway to
// consume: query (ITI-18), manifest (ITI-43), images from the Retrieve URLs (RAD-107). Beside
// them, the TLS servers that check the gateway's initiating side as a TLS client
// (../common/initiator-tls.ts; the valid one pipes to `xds`, so its ITI-18 gets the registry's answer).
import { join } from 'node:path';
import type { Exchange, Simulator } from '../../../model/exchange.ts';
import { writePart10 } from '../../../protocols/dicom/writer.ts';
import { buildManifest } from '../../../fixtures/builders/kos.ts';
import { scanStudy } from '../../../fixtures/builders/kos-scan.ts';
import { buildStudy } from '../../../fixtures/builders/study.ts';
import { seededUid } from '../../../fixtures/builders/uids.ts';
import { provideAndRegister } from '../../../simulators/clients/xds-source.ts';
import { openStore } from '../../../simulators/store/open-store.ts';
import { xdsConfig } from '../../../simulators/xds/config.ts';
import { startXds, XDS_PATHS } from '../../../simulators/xds/server.ts';
import { startWadoRs } from '../../../simulators/wado-rs/index.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';
import { kosSubmission } from '../common/kos-submission.ts';
import { GW } from './ids.ts';

/** The remote manifest's DocumentEntry uniqueId and its study. */
export const REMOTE = {
  manifestUid: seededUid(GW.remoteSeed, 'manifest'),
  studyUid: seededUid(GW.remoteSeed, 'study'),
  sourceId: '2.999.1.40',
} as const;

async function startRegistryAndRemote(opts: { dataDir: string }): Promise<Record<string, Simulator>> {
  const store = await openStore(`sqlite:${join(opts.dataDir, 'xds.sqlite')}`);
  const stops: (() => Promise<void>)[] = [() => store.close()];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const xds = await startXds({ store, config: xdsConfig({ knownPatients: new Set([GW.nationalCx]), strictness: 'lenient' }) });
    stops.push(() => xds.stop());
    const dir = join(opts.dataDir, 'remote');
    await buildStudy(dir, {
      instances: 2,
      series: 1,
      rows: 8,
      columns: 8,
      seed: GW.remoteSeed,
      patientId: 'REMOTE-77',
      accessionNumber: 'RACC01',
      studyDescription: 'CT PRIOR REMOTE',
    });
    const scan = scanStudy(dir, { patientIssuerOid: '2.999.1.41', accessionIssuerOid: '2.999.1.42' });
    if (!scan.study) throw new Error('remote study: nothing read back');
    const study = {
      ...scan.study,
      patient: { id: GW.nationalId, issuerOid: GW.nationalOid },
      otherPatientIds: [{ id: 'REMOTE-77', issuerOid: '2.999.1.41' }],
    };
    const remote = await startWadoRs({ dataDir: dir });
    stops.push(() => remote.stop());
    const kos = writePart10(
      buildManifest(study, {
        retrieveBase: remote.base,
        retrieveLocationUid: '2.999.1.43',
        sopInstanceUid: REMOTE.manifestUid,
        seriesInstanceUid: seededUid(GW.remoteSeed, 'manifest-series'),
        contentDate: study.studyDate,
        contentTime: '120000',
      }),
    );
    // Published by "another site": not the gateway's exchange, so kept out of the evidence.
    const r = await provideAndRegister(
      `${xds.url}${XDS_PATHS.repository}`,
      kosSubmission({ study, manifest: kos, manifestUid: REMOTE.manifestUid, patientCx: GW.nationalCx, sourceId: REMOTE.sourceId, n: 1 }),
      () => undefined,
      'RAD-68',
    );
    if (r.response?.status !== 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success')
      throw new Error(`could not publish the remote study: ${JSON.stringify(r.response?.errors ?? r.call)}`);
    const ours = (ex: Exchange) => ex.transaction === 'RAD-68' && (ex.request.body ?? '').includes(REMOTE.manifestUid);
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= stopAll());
    return {
      xds: { url: xds.url, exchanges: () => xds.exchanges().filter((e) => !ours(e)), stop },
      remote: { url: remote.base, exchanges: () => remote.exchanges(), stop: async () => undefined },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export const startPlanSimulators = withTlsTraps(startRegistryAndRemote, 'xds');
