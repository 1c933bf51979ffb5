// Orthanc (with its DICOMweb plugin) as an independent DICOMweb client of our WIA facade,
// configured with the facade as a DicomWeb server: it lists the patient's studies by QIDO-RS
// and retrieves one by WADO-RS; the facade answers from our seeded registry and forwards the
// retrieve to our WADO-RS source (WIA-002, WIA-005).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../model/exchange.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { IDC_DOMAIN } from '../../suites/plans/common/imaging-consumer/seed.ts';
import { seededOf, startPlanSimulators, type SeededXds } from '../../suites/plans/common/imaging-consumer/seeded-xds.ts';
import { startOrthanc, type OrthancPeer } from '../clients/orthanc-peer.ts';
import { startSimulators, type RunningSimulators } from '../kit/start.ts';
import { registryBackend } from './backend.ts';
import { wiaFacadeSimulator } from './server.ts';

// Orthanc's /qido answers with its own simplified tags: Value is a string, not DICOM JSON's array.
type Row = Record<string, { Value?: unknown }>;
function valueOf(r: Row, tag: string): unknown {
  const v = r[tag]?.Value;
  return Array.isArray(v) ? v[0] : v;
}

describe.skipIf(!peerAvailable('Orthanc'))('Orthanc lists and retrieves a study through our WIA facade', () => {
  let dir: string;
  let sims: Record<string, Simulator>;
  let seeded: SeededXds;
  let facade: RunningSimulators;
  let orthanc: OrthancPeer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-wia-orthanc-'));
    sims = await startPlanSimulators({ dataDir: dir, busyFirst: false });
    seeded = seededOf(sims)!;
    facade = await startSimulators({
      plugins: [
        wiaFacadeSimulator({
          backend: registryBackend({ registry: seeded.registry, repository: seeded.repository }),
          issuerOid: IDC_DOMAIN.issuerOid,
        }),
      ],
    });
    orthanc = await startOrthanc({ dicomWebServers: { wia: [`${facade.simulators.wia!.base}/`] } });
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop(true);
    await facade?.stop();
    for (const s of Object.values(sims ?? {})) await s.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("QIDO-RS lists the patient's studies, WADO-RS brings the target study into Orthanc", async () => {
    const target = seeded.studies[0]!.study;
    const listed = await fetch(`${orthanc!.url}/dicom-web/servers/wia/qido`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Uri: '/studies', Arguments: { PatientID: IDC_DOMAIN.patientId } }),
    });
    expect(listed.status, await listed.clone().text()).toBe(200);
    const rows = (await listed.json()) as Row[];
    expect(rows.map((r) => valueOf(r, '0020000D')).sort()).toEqual(seeded.studies.map((s) => s.study.studyInstanceUid).sort());

    const got = await fetch(`${orthanc!.url}/dicom-web/servers/wia/retrieve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Resources: [{ Study: target.studyInstanceUid }] }),
    });
    expect(got.status, await got.clone().text()).toBe(200);
    const studies = (await (await fetch(`${orthanc!.url}/studies?expand`)).json()) as { MainDicomTags: { StudyInstanceUID: string } }[];
    expect(studies.map((s) => s.MainDicomTags.StudyInstanceUID)).toEqual([target.studyInstanceUid]);
    const instances = (await (await fetch(`${orthanc!.url}/instances`)).json()) as string[];
    expect(instances.length).toBe(target.series.reduce((n, s) => n + s.instances.length, 0));
    // Orthanc reached the images through the facade, which fetched them from our source.
    const wia = facade.exchanges().map((e) => `${e.transaction} ${e.response?.status}`);
    expect(wia).toContain('QIDO-RS 200');
    expect(wia).toContain('RAD-107 200');
    expect(sims.wado!.exchanges().some((e) => e.transaction === 'RAD-107' && e.response?.status === 200)).toBe(true);
  });
});
