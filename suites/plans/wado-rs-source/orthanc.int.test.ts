// Orthanc (Debian, with its DICOMweb plugin) as a WADO-RS source we did not write, in the MCWG
// gateway arrangement (GW-010, KOS-033): the images keep the PACS's local Patient ID, the
// manifest (given as a file, as the SUT profile allows) carries the national ID and lists the
// local one in Other Patient IDs. `mcwg probe wado-rs --manifest` and the wado-rs-source plan
// report only Orthanc's real deviations; a local ID the manifest does not list is still flagged.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../cli/program.ts';
import type { Io } from '../../../cli/io.ts';
import { buildStudy } from '../../../fixtures/builders/study.ts';
import type { StudyJson } from '../../../fixtures/builders/study-json.ts';
import { peerAvailable } from '../../../fixtures/peers.ts';
import { startOrthanc, uploadToOrthanc, type OrthancPeer } from '../../../simulators/clients/orthanc-peer.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { gatewayManifest } from './gateway-manifest.fixture.ts';
import { wadoRsSourcePlan } from './index.ts';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  location: { path: string };
}

describe.skipIf(!peerAvailable('Orthanc'))('Orthanc as WADO-RS source in the gateway arrangement (local ID on the images)', () => {
  let dir: string;
  let study: StudyJson;
  let orthanc: OrthancPeer | undefined;
  let manifestFile: string;
  let unlistedFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-orthanc-gw-'));
    study = (
      await buildStudy(join(dir, 'study'), { instances: 6, series: 2, rows: 64, columns: 64, seed: 'orthanc-gw', patientId: 'LOCAL-42' })
    ).study;
    orthanc = await startOrthanc();
    await uploadToOrthanc(
      orthanc,
      study.series.flatMap((s) => s.instances.map((i) => join(dir, 'study', i.file))),
    );
    manifestFile = join(dir, 'manifest.dcm');
    await writeFile(manifestFile, gatewayManifest(join(dir, 'study'), orthanc.dicomWebUrl).bytes);
    unlistedFile = join(dir, 'unlisted.dcm');
    await writeFile(unlistedFile, gatewayManifest(join(dir, 'study'), orthanc.dicomWebUrl, { localId: 'LOCAL-43' }).bytes);
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop(true);
    await rm(dir, { recursive: true, force: true });
  });

  const probe = async (file: string) => {
    const io = capture();
    const code = await runCli(['probe', 'wado-rs', orthanc!.dicomWebUrl, '--manifest', file, '--format', 'json'], io);
    const findings = (JSON.parse(io.stdout).files as { findings: JsonFinding[] }[]).flatMap((f) => f.findings);
    return { code, findings };
  };

  test('probe wado-rs --manifest: zero errors, and no instance reported unreferenced', async () => {
    const { code, findings } = await probe(manifestFile);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.ruleId.startsWith('wado.'))).toEqual([]);
    expect(code).toBe(0);
  });

  test('probe wado-rs --manifest: a local ID the manifest does not list is an error per instance', async () => {
    const { code, findings } = await probe(unlistedFile);
    expect(code).toBe(1);
    const wrong = findings.filter((f) => f.ruleId === 'wado.uids.patient');
    // 6 from the study retrieve, 6 from the two series retrieves, 2 from the instance retrieves.
    expect(wrong).toHaveLength(14);
    expect(wrong[0]!.message).toMatch(
      /^Patient ID LOCAL-42 \(issuer [^)]*\) is neither the manifest's Patient ID 1234567890123 .* LOCAL-43 /,
    );
  });

  test("wado-rs-source with the manifest from a file: only Orthanc 1.10's real deviations (WADO-006, WADO-008: PS3.18 Retrieve status codes)", async () => {
    const profile = sut({
      roles: ['WADO-RS Source'],
      endpoints: { wadoRs: orthanc!.dicomWebUrl },
      oids: { studyInstanceUid: study.studyInstanceUid },
      manifest: { file: manifestFile },
    });
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile, tool: TOOL, simulators: {} });
    expect(Object.fromEntries(run.tests.map((t) => [t.id, t.state]))).toEqual({
      'wado.manifest': 'pass',
      'wado.retrieve': 'pass',
      'wado.negotiation': 'fail',
      'wado.availability': 'pass',
      'wado.busy': 'pass',
      'wado.streaming': 'pass',
      'wado.tls.server': 'skip',
      'wado.tls.mutual': 'skip',
      'wado.part10-only': 'pass',
      'wado.auth.no-token': 'skip',
      'wado.auth.other-patient': 'skip',
      'wado.auth.manifest-rights': 'skip',
      'wado.auth.qido-scope': 'skip',
      // No audit section in the profile: not tested (issue 18).
      'wado.audit.sent': 'skip',
      'wado.audit.content': 'skip',
    });
    // Orthanc answers a transfer syntax it cannot serve with 400 (PS3.18 says 406) and a
    // malformed UID with 404 (PS3.18 says 400 Bad Request): the catalogue's SHALLs WADO-006/008.
    expect(run.tests.flatMap((t) => t.findings).map((f) => [f.ruleId, f.message])).toEqual([
      ['wado.accept.unsupported', 'for a bogus transfer syntax 1.2.3.4 expected HTTP 406; got 400'],
      ['wado.status.malformed', 'for a malformed UID expected HTTP 400; got 404'],
    ]);
  });
});
