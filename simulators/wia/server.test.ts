// The WIA facade kit simulator over real HTTP, in front of the consumer plans' seeded world (our
// XDS registry with three manifests, our WADO-RS source with their images): a DICOMweb viewer's
// sequence QIDO studies -> series -> WADO-RS retrieve works through it, the bytes are the
// source's, and an unscoped query is refused (WIA-006).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../model/exchange.ts';
import { IDC_DOMAIN } from '../../suites/plans/common/imaging-consumer/seed.ts';
import { seededOf, startPlanSimulators, type SeededXds } from '../../suites/plans/common/imaging-consumer/seeded-xds.ts';
import { startSimulators, type RunningSimulators } from '../kit/start.ts';
import { registryBackend } from './backend.ts';
import { wiaFacadeSimulator } from './server.ts';

type Row = Record<string, { Value?: unknown[] }>;

describe('WIA facade simulator (QIDO from manifests, WADO-RS proxied to the source)', () => {
  let dir: string;
  let sims: Record<string, Simulator>;
  let seeded: SeededXds;
  let facade: RunningSimulators;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-wia-'));
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
    base = facade.simulators.wia!.base;
  });
  afterAll(async () => {
    await facade?.stop();
    for (const s of Object.values(sims ?? {})) await s.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("QIDO studies -> series -> WADO-RS retrieve returns the source's study", async () => {
    const target = seeded.studies[0]!.study;
    const st = await fetch(`${base}/studies?PatientID=${IDC_DOMAIN.patientId}`, { headers: { accept: 'application/dicom+json' } });
    expect(st.status).toBe(200);
    const rows = (await st.json()) as Row[];
    expect(rows.map((r) => r['0020000D']?.Value?.[0]).sort()).toEqual(seeded.studies.map((s) => s.study.studyInstanceUid).sort());
    const row = rows.find((r) => r['0020000D']?.Value?.[0] === target.studyInstanceUid)!;
    expect(row['00081190']?.Value?.[0]).toBe(`${base}/studies/${target.studyInstanceUid}`);
    const se = await fetch(`${base}/studies/${target.studyInstanceUid}/series`);
    expect(se.status).toBe(200);
    expect(((await se.json()) as Row[]).map((r) => r['0020000E']?.Value?.[0])).toEqual(target.series.map((s) => s.seriesInstanceUid));
    const accept = 'multipart/related; type="application/dicom"';
    const viaFacade = await fetch(`${base}/studies/${target.studyInstanceUid}`, { headers: { accept } });
    const direct = await fetch(`${sims.wado!.url}/studies/${target.studyInstanceUid}`, { headers: { accept } });
    expect(viaFacade.status).toBe(200);
    expect(viaFacade.headers.get('content-type')).toMatch(/^multipart\/related/);
    const [a, b] = [Buffer.from(await viaFacade.arrayBuffer()), Buffer.from(await direct.arrayBuffer())];
    // Same parts; the boundary string may differ between two answers of the source.
    const strip = (buf: Buffer, ct: string | null) =>
      buf.toString('latin1').replaceAll(/boundary="?([^";]+)"?/.exec(ct ?? '')?.[1] ?? '', '');
    expect(strip(a, viaFacade.headers.get('content-type')).length).toBe(strip(b, direct.headers.get('content-type')).length);
    expect(a.length).toBeGreaterThan(1000);
    expect(sims.wado!.exchanges().some((e) => e.transaction === 'RAD-107')).toBe(true);
  });

  test('a query without one literal PatientID is refused with 400 (WIA-006); an unknown study retrieve is 404', async () => {
    for (const q of ['', '?PatientID=*', `?PatientID=${IDC_DOMAIN.patientId}&PatientID=X`]) {
      const r = await fetch(`${base}/studies${q}`);
      expect([q, r.status]).toEqual([q, 400]);
      expect(await r.text()).toContain('WIA-006');
    }
    expect((await fetch(`${base}/studies/1.2.3.999`)).status).toBe(404);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  test('a patient with no documents gets an empty answer, not an error', async () => {
    expect((await fetch(`${base}/studies?PatientID=NOBODY`)).status).toBe(204);
  });
});
