// End to end without peers: a real KOS manifest of a generated study, its Retrieve URLs
// pointing at our simulator, drives the client checks (kosFacts -> checkWadoRs).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { kosFromFolder } from '../../fixtures/builders/kos-from-folder.ts';
import { buildStudy } from '../../fixtures/builders/study.ts';
import { readKos } from '../../validators/kos/validate.ts';
import { startWadoRs, type WadoRsSimulator } from '../wado-rs/index.ts';
import { checkWadoRs } from './wado-rs.ts';

let dir: string;
let sim: WadoRsSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-kos-wado-'));
  await buildStudy(join(dir, 'study'), { instances: 5, series: 2, rows: 32, columns: 32, seed: 'kos-e2e' });
  sim = await startWadoRs({ dataDir: join(dir, 'study') });
});
afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('the instances a generated KOS references all come back once from the simulator', async () => {
  const { manifest } = kosFromFolder(join(dir, 'study'), { retrieveUrl: sim.base });
  const { facts } = readKos(manifest, 'manifest.dcm');
  expect(facts?.series.flatMap((s) => s.instances)).toHaveLength(5);
  expect(facts?.series[0]?.retrieveUrl).toContain(`${sim.base}/studies/`);
  const res = await checkWadoRs({ baseUrl: sim.base, manifest: facts! });
  expect(res.findings).toEqual([]);
  expect(res.exchanges).toHaveLength(5);
});

test('with useRetrieveUrls, series and instances come from the manifest Retrieve URLs, which are checked', async () => {
  const other = await startWadoRs({ dataDir: join(dir, 'study') });
  try {
    const { facts } = readKos(kosFromFolder(join(dir, 'study'), { retrieveUrl: other.base }).manifest, 'manifest.dcm');
    const urls = (r: { exchanges: { request: { summary?: string } }[] }) => r.exchanges.map((e) => e.request.summary!.replace(/^GET /, ''));
    // Default: everything from the base URL given.
    const byBase = await checkWadoRs({ baseUrl: sim.base, manifest: facts! });
    expect(urls(byBase).every((u) => u.startsWith(sim.base))).toBe(true);

    const byUrl = await checkWadoRs({ baseUrl: sim.base, manifest: facts!, useRetrieveUrls: true, manifestArtefact: 'kos.dcm' });
    const [study, ...rest] = urls(byUrl);
    expect(study!.startsWith(sim.base)).toBe(true);
    expect(rest).toHaveLength(4);
    expect(rest.every((u) => u.startsWith(`${other.base}/studies/${facts!.studyInstanceUid}/series/`))).toBe(true);
    expect(byUrl.findings.map((f) => [f.ruleId, f.severity, f.location.artefact, f.location.path])).toEqual([
      ['wado.retrieve-url.base', 'warning', 'kos.dcm', '(0040,A375)[0]>(0008,1115)[0]>(0008,1190)'],
      ['wado.retrieve-url.base', 'warning', 'kos.dcm', '(0040,A375)[0]>(0008,1115)[1]>(0008,1190)'],
    ]);

    const broken = structuredClone(facts!);
    delete broken.series[0]!.retrieveUrl;
    broken.series[1]!.retrieveUrl = `${sim.base}/studies/${broken.studyInstanceUid}`;
    const bad = await checkWadoRs({ baseUrl: sim.base, manifest: broken, useRetrieveUrls: true });
    expect(bad.findings.map((f) => [f.ruleId, f.reqIds, f.location.path])).toEqual([
      ['wado.retrieve-url.missing', ['KOS-022', 'WADO-014'], '(0040,A375)[0]>(0008,1115)[0]>(0008,1190)'],
      ['wado.retrieve-url.shape', ['KOS-022', 'WADO-014'], '(0040,A375)[0]>(0008,1115)[1]>(0008,1190)'],
    ]);
    // The series are still retrieved (from the base) and checked.
    expect(bad.exchanges).toHaveLength(5);
    expect(urls(bad).every((u) => u.startsWith(sim.base))).toBe(true);
  } finally {
    await other.stop();
  }
});
