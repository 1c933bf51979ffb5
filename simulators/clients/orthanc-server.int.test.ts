// Orthanc (with its DICOMweb plugin) as an independent WADO-RS source: our client checks give
// zero errors against it, and a source stopped mid-retrieve gives clear findings, not a hang.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { startOrthanc, uploadToOrthanc, type OrthancPeer } from './orthanc-peer.ts';
import { manifestFromStudyJson } from './study-manifest.ts';
import { checkWadoRs } from './wado-rs.ts';
import { probeWadoRs } from './wado-rs-probe.ts';
import { checkWadoRsNegotiation } from './wado-rs-negative.ts';

describe.skipIf(!peerAvailable('Orthanc'))('WADO-RS client checks against Orthanc', () => {
  let dir: string;
  let small: StudyJson;
  let big: StudyJson;
  let orthanc: OrthancPeer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-orthanc-b-'));
    small = (await buildStudy(join(dir, 'small'), { instances: 6, series: 2, rows: 64, columns: 64, seed: 'orthanc-b1' })).study;
    // Big enough that the body cannot sit in socket buffers when Orthanc stops.
    big = (await buildStudy(join(dir, 'big'), { instances: 120, series: 1, rows: 512, columns: 512, seed: 'orthanc-b2', patientId: 'BIG' }))
      .study;
    orthanc = await startOrthanc();
    const files = (root: string, s: StudyJson) => s.series.flatMap((se) => se.instances.map((i) => join(dir, root, i.file)));
    await uploadToOrthanc(orthanc, [...files('small', small), ...files('big', big)]);
  });
  afterAll(async () => {
    await orthanc?.stop(true);
    await rm(dir, { recursive: true, force: true });
  });

  test('a study uploaded to Orthanc passes every check at study, series and instance level', async () => {
    const res = await checkWadoRs({ baseUrl: orthanc!.dicomWebUrl, manifest: manifestFromStudyJson(small, orthanc!.dicomWebUrl) });
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(res.exchanges.map((e) => e.response?.summary)).toEqual(Array(5).fill('HTTP 200'));
    const probe = await probeWadoRs(orthanc!.dicomWebUrl, small.studyInstanceUid);
    expect(probe.available).toBe(true);
  });

  test('negotiation checks flag where Orthanc 1.10 departs from PS3.18 status codes', async () => {
    // Orthanc answers a bogus transfer syntax with 400 (not 406) and a malformed UID with 404
    // (not 400); both are real deviations, and the checks name them.
    const res = await checkWadoRsNegotiation(orthanc!.dicomWebUrl, small.studyInstanceUid);
    expect(res.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['wado.accept.unsupported', 'for a bogus transfer syntax 1.2.3.4 expected HTTP 406; got 400'],
      ['wado.status.malformed', 'for a malformed UID expected HTTP 400; got 404'],
    ]);
  });

  test('Orthanc stopped mid-retrieve gives a framing or transport finding, not a hang', async () => {
    let stopping: Promise<void> | undefined;
    const res = await checkWadoRs({
      baseUrl: orthanc!.dicomWebUrl,
      manifest: manifestFromStudyJson(big),
      levels: ['study'],
      idleTimeoutMs: 10_000,
      onPart: () => {
        stopping ??= orthanc!.stop(false);
      },
    });
    await stopping;
    const errors = res.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(['wado.response.framing', 'wado.transport']).toContain(errors[0]?.ruleId);
    expect(errors[0]?.reqIds).toContain('WADO-001');
    expect(res.exchanges[0]?.error).toBeTruthy();
    const probe = await probeWadoRs(orthanc!.dicomWebUrl, big.studyInstanceUid, { timeoutMs: 2_000 });
    expect(probe.available).toBe(false);
    expect(probe.findings[0]).toMatchObject({ ruleId: 'wado.probe.available', reqIds: ['GW-012'] });
  }, 90_000);
});
