// Scripted broken sources: each answer breaks one thing, and the check names it at its place.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { encodeMultipart, type OutgoingPart } from '../../protocols/multipart/index.ts';
import { manifestFromStudyJson } from './study-manifest.ts';
import { checkWadoRs } from './wado-rs.ts';

let dir: string;
let study: StudyJson;
let files: Buffer[];
let server: Server;
let base: string;
let answer: () => Promise<{ type: string; body: Buffer }>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-broken-'));
  study = (await buildStudy(dir, { instances: 2, series: 1, rows: 8, columns: 8, seed: 'broken' })).study;
  files = await Promise.all(study.series[0]!.instances.map((i) => readFile(join(dir, i.file))));
  server = createServer((_req, res) => {
    void answer().then(({ type, body }) => res.writeHead(200, { 'content-type': type }).end(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const dicomPart = (body: Buffer, type = 'application/dicom'): OutgoingPart => ({ headers: { 'Content-Type': type }, body });
const multipart = async (parts: OutgoingPart[]) => ({
  type: 'multipart/related; type="application/dicom"; boundary=zz',
  body: await encodeMultipart(parts, 'zz'),
});
const check = async () =>
  (await checkWadoRs({ baseUrl: base, manifest: manifestFromStudyJson(study), levels: ['study'] })).findings.map((f) => [
    f.ruleId,
    f.location.path,
  ]);

describe('WADO-RS client checks against scripted broken sources', () => {
  test('the scripted conformant answer passes clean', async () => {
    answer = () => multipart(files.map((f) => dicomPart(f)));
    expect(await check()).toEqual([]);
  });

  test('flags an instance returned twice', async () => {
    answer = () => multipart([dicomPart(files[0]!), dicomPart(files[1]!), dicomPart(files[1]!)]);
    expect(await check()).toEqual([['wado.instances.duplicate', 'part[1],part[2]']]);
  });

  test('flags a part that is not Part 10 and the instance it should have been', async () => {
    answer = () => multipart([dicomPart(files[0]!), dicomPart(files[1]!.subarray(132))]);
    const got = await check();
    expect(got).toContainEqual(['wado.part.part10', 'part[1]']);
    expect(got).toContainEqual(['wado.instances.missing', `(0008,1199) ${study.series[0]!.instances[1]!.sopInstanceUid}`]);
  });

  test('flags a part with the wrong Content-Type', async () => {
    answer = () => multipart([dicomPart(files[0]!), dicomPart(files[1]!, 'application/octet-stream')]);
    expect(await check()).toEqual([['wado.part.content-type', 'part[1] Content-Type']]);
  });

  test('flags a response that is not multipart/related application/dicom', async () => {
    answer = async () => ({ type: 'application/dicom', body: files[0]! });
    expect(await check()).toEqual([['wado.response.content-type', 'Content-Type']]);
  });

  test('flags a part whose transfer syntax parameter disagrees with the file', async () => {
    answer = () => multipart([dicomPart(files[0]!, 'application/dicom; transfer-syntax=1.2.840.10008.1.2'), dicomPart(files[1]!)]);
    expect(await check()).toEqual([['wado.part.transfer-syntax', 'part[0]>(0002,0010)']]);
  });
});
