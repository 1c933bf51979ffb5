import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { readMultipartBuffered } from '../../protocols/multipart/index.ts';
import { parseFaults } from './faults.ts';
import { startWadoRs, type WadoRsSimulator } from './index.ts';

let dir: string;
let study: StudyJson;
let sim: WadoRsSimulator;
let lean: WadoRsSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-sim-'));
  study = (await buildStudy(dir, { instances: 5, series: 2, rows: 32, columns: 32, seed: 'sim' })).study;
  await writeFile(join(dir, 'notes.txt'), 'not dicom');
  sim = await startWadoRs({ dataDir: dir });
  lean = await startWadoRs({ store: sim.store, qido: false, metadata: false });
});
afterAll(async () => {
  await sim?.stop();
  await lean?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = async (s: WadoRsSimulator, path: string, accept?: string) => {
  const r = await fetch(`${s.base}${path}`, accept ? { headers: { accept } } : {});
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: Buffer.from(await r.arrayBuffer()), headers: r.headers };
};

describe('WADO-RS simulator', () => {
  test('indexes the folder once, skipping what is not DICOM', () => {
    expect([...sim.store.studies.keys()]).toEqual([study.studyInstanceUid]);
    expect(sim.store.skipped.map((s) => s.path)).toEqual([join(dir, 'notes.txt')]);
  });

  test('retrieves study, series and instance as multipart Part 10 with the transfer syntax', async () => {
    const st = study.studyInstanceUid;
    const [s1, s2] = study.series;
    for (const [path, n] of [
      [`/studies/${st}`, 5],
      [`/studies/${st}/series/${s2!.seriesInstanceUid}`, 2],
      [`/studies/${st}/series/${s1!.seriesInstanceUid}/instances/${s1!.instances[1]!.sopInstanceUid}`, 1],
    ] as const) {
      const r = await get(sim, path, 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1');
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
      const parts = await readMultipartBuffered([r.body], r.type);
      expect(parts).toHaveLength(n);
      expect(parts[0]).toMatchObject({ mediaType: 'application/dicom', params: { 'transfer-syntax': '1.2.840.10008.1.2.1' } });
      expect(parts[0]!.body.subarray(128, 132).toString()).toBe('DICM');
    }
  });

  test.each([
    ['/studies/abc', undefined, 400],
    ['/studies/1.2.3', undefined, 404],
    ['/studies/STUDY/series/1.2.3', undefined, 404],
    ['/studies/STUDY/series/SERIES/instances/1.2.3', undefined, 404],
    ['/studies/STUDY/series/SERIES/instances/1..2', undefined, 400],
    ['/studies/STUDY', 'multipart/related; type="application/dicom"; transfer-syntax=1.2.3.4', 406],
    ['/studies/STUDY', 'application/pdf', 406],
    ['/studies/STUDY/bulkdata', undefined, 404],
  ])('GET %s (Accept %s) -> %i', async (path, accept, status) => {
    const p = path.replace('STUDY', study.studyInstanceUid).replace('SERIES', study.series[0]!.seriesInstanceUid);
    const r = await get(sim, p, accept);
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^text\/plain/);
    expect(r.body.toString()).toMatch(new RegExp(`^${status} `));
  });

  test('answers metadata and QIDO-RS as DICOM JSON, and 404 for both when switched off', async () => {
    const st = study.studyInstanceUid;
    const meta = await get(sim, `/studies/${st}/metadata`);
    expect(meta.type).toMatch(/^application\/dicom\+json/);
    const items = JSON.parse(meta.body.toString()) as Record<string, { Value?: unknown[] }>[];
    expect(items).toHaveLength(5);
    expect(items[0]?.['0020000D']?.Value).toEqual([st]);
    expect(items[0]?.['7FE00010']).toBeUndefined();
    const found = JSON.parse((await get(sim, `/studies?PatientID=${study.patientId}`)).body.toString()) as Record<
      string,
      { Value?: unknown[] }
    >[];
    expect(found.map((s) => s['00201208']?.Value)).toEqual([[5]]);
    expect(JSON.parse((await get(sim, '/studies?PatientID=NOBODY')).body.toString())).toEqual([]);
    expect(JSON.parse((await get(sim, `/studies/${st}/series`)).body.toString())).toHaveLength(2);
    expect(JSON.parse((await get(sim, `/studies/${st}/instances`)).body.toString())).toHaveLength(5);
    expect((await get(lean, `/studies?PatientID=${study.patientId}`)).status).toBe(404);
    expect((await get(lean, `/studies/${st}/metadata`)).status).toBe(404);
    expect((await get(lean, `/studies/${st}`)).status).toBe(200);
  });

  test('records every exchange, rejected ones too', () => {
    const summaries = sim.exchanges().map((e) => `${e.transaction} ${e.response?.summary}`);
    expect(summaries).toContain('RAD-107 HTTP 406');
    expect(summaries).toContain('RAD-107 HTTP 400');
  });

  test('parses fault options and names a bad one', () => {
    expect(parseFaults(['latency=20', 'outage', 'truncate=100', 'drop=5'])).toEqual({
      latencyMs: 20,
      outage: true,
      truncateAfterBytes: 100,
      dropAfterBytes: 5,
    });
    expect(() => parseFaults(['slow'])).toThrow(/--fault slow: unknown fault/);
    expect(() => parseFaults(['latency=x'])).toThrow(/latency needs a non-negative integer/);
  });
});
