// Orthanc (with its DICOMweb plugin) as an independent DICOMweb client retrieves a whole study
// from our simulator: every instance must arrive intact (same SOP Instance UIDs and pixel data).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import { startOrthanc, type OrthancPeer } from '../clients/orthanc-peer.ts';
import { startWadoRs, type WadoRsSimulator } from './index.ts';

/** SOP Instance UID -> SHA-256 of the Pixel Data value. */
function pixelHash(bytes: Uint8Array): [string, string] {
  const f = readPart10(bytes, { stopAtPixelData: false });
  const d = new Dicom(f);
  const px = f.dataSet.elements.get(0x7fe00010);
  const value = px ? bytes.subarray(px.valueOffset, px.valueOffset + px.length) : new Uint8Array();
  return [d.str(d.root, 0x00080018) ?? '?', createHash('sha256').update(value).digest('hex')];
}

describe.skipIf(!peerAvailable('Orthanc'))('Orthanc retrieves a study from our WADO-RS simulator', () => {
  let dir: string;
  let study: StudyJson;
  let sim: WadoRsSimulator;
  let orthanc: OrthancPeer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-orthanc-a-'));
    study = (await buildStudy(dir, { instances: 12, series: 3, rows: 128, columns: 128, seed: 'orthanc-a' })).study;
    sim = await startWadoRs({ dataDir: dir });
    orthanc = await startOrthanc({ dicomWebServers: { mcwg: [`${sim.base}/`] } });
  });
  afterAll(async () => {
    await orthanc?.stop(true);
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('every instance arrives with the same SOP Instance UID and pixel data', async () => {
    const res = await fetch(`${orthanc!.url}/dicom-web/servers/mcwg/retrieve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Resources: [{ Study: study.studyInstanceUid }] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const expected = new Map<string, string>();
    for (const s of study.series)
      for (const i of s.instances) {
        const [uid, hash] = pixelHash(await readFile(join(dir, i.file)));
        expected.set(uid, hash);
      }
    const ids = (await (await fetch(`${orthanc!.url}/instances`)).json()) as string[];
    const got = new Map<string, string>();
    for (const id of ids) {
      const file = new Uint8Array(await (await fetch(`${orthanc!.url}/instances/${id}/file`)).arrayBuffer());
      const [uid, hash] = pixelHash(file);
      got.set(uid, hash);
    }
    expect(got).toEqual(expected);
    // Orthanc went through RAD-107 on our side, and only through it.
    const ours = sim.exchanges().filter((e) => e.transaction === 'RAD-107' && e.response?.summary === 'HTTP 200');
    expect(ours.length).toBeGreaterThan(0);
    expect(
      ours.every((e) => /type="?application\/dicom/.test(e.request.headers?.accept ?? 'multipart/related; type="application/dicom"')),
    ).toBe(true);
  });
});
