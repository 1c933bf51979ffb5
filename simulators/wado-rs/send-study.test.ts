import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { encodeMultipart, readMultipartBuffered } from '../../protocols/multipart/index.ts';
import { startWadoRs, type WadoRsSimulator } from './index.ts';
import { layoutParts } from './send-study.ts';

let dir: string;
let study: StudyJson;
let sim: WadoRsSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-send-'));
  study = (await buildStudy(dir, { instances: 6, series: 2, rows: 64, columns: 64, seed: 'send' })).study;
  sim = await startWadoRs({ dataDir: dir });
});
afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

const ACCEPT = 'multipart/related; type="application/dicom"';
const files = () => study.series.flatMap((s) => s.instances.map((i) => join(dir, i.file)));

/** Raw GET: status, headers and whatever body arrived before the end or a reset. */
function rawGet(
  url: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: ACCEPT } }, (res) => {
      const chunks: Buffer[] = [];
      let aborted = false;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => (aborted = true));
      res.on('error', () => (aborted = true));
      res.on('close', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('WADO-RS retrieve hot path', () => {
  test('layout: the same bytes as the multipart writer, and the length it announces', async () => {
    const st = sim.store.studies.get(study.studyInstanceUid)!;
    const instances = [...st.series.values()].flatMap((s) => [...s.instances.values()]);
    const layout = layoutParts(instances, 'b0');
    const bodies = await Promise.all(instances.map((i) => readFile(i.path)));
    const fromLayout = Buffer.concat([...layout.heads.flatMap((h, k) => [h, bodies[k]!]), layout.tail]);
    const fromWriter = await encodeMultipart(
      instances.map((i, k) => ({
        headers: { 'Content-Type': `application/dicom; transfer-syntax=${i.transferSyntax}`, 'Content-Length': String(i.size) },
        body: bodies[k]!,
      })),
      'b0',
    );
    expect(fromLayout.equals(fromWriter)).toBe(true);
    expect(layout.length).toBe(fromWriter.length);
  });

  test('whole study: Content-Length, every file byte-exact, evidence hash of the wire bytes', async () => {
    const r = await rawGet(`${sim.base}/studies/${study.studyInstanceUid}`);
    expect(r.status).toBe(200);
    expect(r.aborted).toBe(false);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.headers['transfer-encoding']).toBeUndefined();
    const parts = await readMultipartBuffered([r.body], String(r.headers['content-type']));
    const want = await Promise.all(files().map((f) => readFile(f)));
    expect(parts.map((p) => createHash('sha256').update(p.body).digest('hex')).sort()).toEqual(
      want.map((b) => createHash('sha256').update(b).digest('hex')).sort(),
    );
    await new Promise((res) => setTimeout(res, 50));
    const ex = sim
      .exchanges()
      .filter((e) => e.transaction === 'RAD-107')
      .at(-1)!;
    expect(ex.response?.size).toBe(r.body.length);
    expect(ex.response?.sha256).toBe(createHash('sha256').update(r.body).digest('hex'));
    expect(ex.error).toBeUndefined();
  });

  test('a file that grew after indexing: the connection is cut (never wrong bytes) and the exchange says why', async () => {
    const victim = files()[2]!;
    await appendFile(victim, Buffer.alloc(10));
    const r = await rawGet(`${sim.base}/studies/${study.studyInstanceUid}`);
    expect(r.aborted).toBe(true);
    expect(r.body.length).toBeLessThan(Number(r.headers['content-length']));
    await new Promise((res) => setTimeout(res, 50));
    const ex = sim
      .exchanges()
      .filter((e) => e.transaction === 'RAD-107')
      .at(-1)!;
    expect(ex.error).toMatch(/changed size since indexing/);
    // The simulator keeps serving.
    expect((await fetch(`${sim.base}/studies/${study.studyInstanceUid}/metadata`)).status).toBe(200);
  });
});
