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
