import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import { bodyPartsProblem, bodySha256 } from '../../model/body-parts.ts';
import type { Exchange } from '../../model/exchange.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { writePki } from '../../fixtures/builders/pki.ts';
import { encodeMultipart, readMultipartBuffered } from '../../protocols/multipart/index.ts';
import { tlsServerOptions } from '../tls/options.ts';
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
  ca?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    const get = ca === undefined ? request : httpsRequest;
    const req = get(url, { headers: { accept: ACCEPT }, ...(ca === undefined ? {} : { ca }) }, (res) => {
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

  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const lastRetrieve = async (): Promise<Exchange> => {
    await new Promise((res) => setTimeout(res, 50));
    return sim
      .exchanges()
      .filter((e) => e.transaction === 'RAD-107')
      .at(-1)!;
  };

  test('whole study: Content-Length, every file byte-exact, evidence by parts that rebuild the wire bytes', async () => {
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
    const ex = await lastRetrieve();
    expect(ex.response?.size).toBe(r.body.length);
    // Recorded by parts (each file hashed once per version), not by a hash of every response byte:
    // the parts and the framing add up to the size, and rebuild the SHA-256 of the bytes received.
    const recorded = ex.response!.parts!;
    expect(ex.response?.sha256).toBeUndefined();
    expect(String(r.headers['content-type'])).toContain(`boundary=${recorded.boundary}`);
    expect(recorded.parts.map((p) => p.sha256)).toEqual(parts.map((p) => sha(p.body)));
    expect(bodyPartsProblem(recorded, ex.response!.size)).toBeUndefined();
    expect(
      bodySha256(
        recorded,
        parts.map((p) => p.body),
      ),
    ).toBe(sha(r.body));
    expect(ex.error).toBeUndefined();
  });

  test('the same path under HTTPS: byte-exact body, evidence by parts, TLS parameters recorded', async () => {
    const pkiDir = await mkdtemp(join(tmpdir(), 'mcwg-wado-send-pki-'));
    try {
      await writePki(pkiDir);
      const tls = tlsServerOptions({ tlsCert: join(pkiDir, 'server.crt.pem'), tlsKey: join(pkiDir, 'server.key.pem') })!;
      const secure = await startWadoRs({ dataDir: dir, tls });
      try {
        expect(secure.base).toMatch(/^https:/);
        const r = await rawGet(`${secure.base}/studies/${study.studyInstanceUid}`, await readFile(join(pkiDir, 'ca.crt.pem'), 'utf8'));
        expect(r.status).toBe(200);
        expect(r.aborted).toBe(false);
        expect(Number(r.headers['content-length'])).toBe(r.body.length);
        const received = await readMultipartBuffered([r.body], String(r.headers['content-type']));
        expect(received.map((p) => sha(p.body)).sort()).toEqual((await Promise.all(files().map((f) => readFile(f)))).map(sha).sort());
        await new Promise((res) => setTimeout(res, 50));
        const ex = secure
          .exchanges()
          .filter((e) => e.transaction === 'RAD-107')
          .at(-1)!;
        expect(ex.error).toBeUndefined();
        expect(ex.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
        expect(ex.response?.parts?.parts.map((p) => p.sha256)).toEqual(received.map((p) => sha(p.body)));
        expect(bodyPartsProblem(ex.response!.parts!, ex.response!.size)).toBeUndefined();
      } finally {
        await secure.stop();
      }
    } finally {
      await rm(pkiDir, { recursive: true, force: true });
    }
  });

  test('a file rewritten in place with the same size: the next retrieve hashes the new bytes, not the remembered ones', async () => {
    const first = await rawGet(`${sim.base}/studies/${study.studyInstanceUid}`);
    const before = (await lastRetrieve()).response!.parts!.parts;
    const victim = files()[1]!;
    const fh = await open(victim, 'r+');
    const { size } = await fh.stat();
    await fh.write(Buffer.from('changed!'), 0, 8, size - 8);
    await fh.close();
    const r = await rawGet(`${sim.base}/studies/${study.studyInstanceUid}`);
    expect(r.body.length).toBe(first.body.length);
    const after = (await lastRetrieve()).response!.parts!.parts;
    const want = sha(await readFile(victim));
    expect(before.map((p) => p.sha256)).not.toContain(want);
    expect(after.map((p) => p.sha256)).toContain(want);
    const received = await readMultipartBuffered([r.body], String(r.headers['content-type']));
    expect(after.map((p) => p.sha256)).toEqual(received.map((p) => sha(p.body)));
  });

  test('warmDigests hashes every file once in the background; a retrieve then records those hashes', async () => {
    const warm = await startWadoRs({ dataDir: dir, warmDigests: true });
    try {
      const instances = [...warm.store.studies.values()].flatMap((st) =>
        [...st.series.values()].flatMap((se) => [...se.instances.values()]),
      );
      for (let i = 0; i < 200 && instances.some((x) => x.digest === undefined); i++) await new Promise((res) => setTimeout(res, 25));
      for (const inst of instances) expect(inst.digest?.sha256, inst.path).toBe(sha(await readFile(inst.path)));
      const r = await rawGet(`${warm.base}/studies/${study.studyInstanceUid}`);
      await new Promise((res) => setTimeout(res, 50));
      const ex = warm
        .exchanges()
        .filter((e) => e.transaction === 'RAD-107')
        .at(-1)!;
      const received = await readMultipartBuffered([r.body], String(r.headers['content-type']));
      expect(ex.response?.parts?.parts.map((p) => p.sha256)).toEqual(received.map((p) => sha(p.body)));
    } finally {
      await warm.stop();
    }
  });

  test('a file that grew after indexing: the connection is cut (never wrong bytes) and the exchange says why', async () => {
    const victim = files()[2]!;
    await appendFile(victim, Buffer.alloc(10));
    const r = await rawGet(`${sim.base}/studies/${study.studyInstanceUid}`);
    expect(r.aborted).toBe(true);
    expect(r.body.length).toBeLessThan(Number(r.headers['content-length']));
    const ex = await lastRetrieve();
    expect(ex.error).toMatch(/changed size since indexing/);
    // A body cut short is described by its size and error, never by a part list it did not complete.
    expect(ex.response?.parts).toBeUndefined();
    expect(ex.response?.size).toBe(r.body.length);
    // The simulator keeps serving.
    expect((await fetch(`${sim.base}/studies/${study.studyInstanceUid}/metadata`)).status).toBe(200);
  });
});
