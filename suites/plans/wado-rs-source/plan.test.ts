// The plan's shape and the inputs no reference-SUT variant exercises: a profile without the
// study to check, and a source that is not there at all. Full runs: suites/reference-sut/wado-rs-source.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../../fixtures/builders/study.ts';
import { startWadoRs, type WadoRsSimulator } from '../../../simulators/wado-rs/index.ts';
import { gatewayManifest } from './gateway-manifest.fixture.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { wadoRsSourcePlan } from './index.ts';

describe('WADO-RS source plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = wadoRsSourcePlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['wado-rs-source']!()).id).toBe(plan.id);
  });

  test('a profile without oids.studyInstanceUid skips every test and says what is missing', async () => {
    const run = await runPlan(wadoRsSourcePlan(), {
      sut: sut({ roles: ['WADO-RS Source'], endpoints: { wadoRs: 'http://127.0.0.1:9/dicom-web' } }),
      tool: TOOL,
      simulators: {},
    });
    // Issues 14 and 18 added the load, streaming, TLS, IUA, audit and WADO-011 tests: all skip without a study either.
    expect(run.tests.map((t) => t.state)).toEqual(Array(15).fill('skip'));
    expect(run.tests[0]!.steps[0]!.message).toBe('the SUT profile has no oids.studyInstanceUid (the study to check)');
  });

  test('a source our side cannot reach is error (not judged), never fail, naming the endpoint', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    // (Issue 14: this was 'fail' on WADO-001 and GW-012; a refused connection is not a
    // nonconformance, our side could not judge.)
    const profile = sut({
      roles: ['WADO-RS Source'],
      endpoints: { wadoRs: 'http://127.0.0.1:9/dicom-web' },
      oids: { studyInstanceUid: '1.2.3.4' },
    });
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile, tool: TOOL, simulators: {} });
    expect(run.requirements.filter((r) => r.state === 'fail').map((r) => r.id)).toEqual([]);
    const errors = run.requirements.filter((r) => r.state === 'error').map((r) => r.id);
    expect(errors).toEqual(expect.arrayContaining(['WADO-001', 'GW-012']));
    expect(run.counts.fail).toBe(0);
    expect(run.tests.find((t) => t.state === 'error')?.message).toMatch(
      /^our side could not reach http:\/\/127\.0\.0\.1:9\/dicom-web\S*: ECONNREFUSED \(connection refused\)/,
    );
    expect(run.tests.find((t) => t.id === 'wado.retrieve')?.state).toBe('skip');
  });
});

describe('WADO-RS source plan: the manifest from the SUT profile', () => {
  let dir: string;
  let sim: WadoRsSimulator;
  let study: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-plan-'));
    // The images keep the PACS's local Patient ID; no KOS is stored in the study.
    study = (
      await buildStudy(join(dir, 'study'), { instances: 4, series: 2, rows: 32, columns: 32, seed: 'plan-manifest', patientId: 'LOCAL-42' })
    ).study.studyInstanceUid;
    sim = await startWadoRs({ dataDir: join(dir, 'study') });
  });
  afterAll(async () => {
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const profile = (manifest: { file: string }, studyUid = study) =>
    sut({ roles: ['WADO-RS Source'], endpoints: { wadoRs: sim.base }, oids: { studyInstanceUid: studyUid }, manifest });

  test('gateway arrangement, manifest from a file: every test passes, nothing unreferenced (GW-010, KOS-033)', async () => {
    const m = gatewayManifest(join(dir, 'study'), sim.base);
    const file = join(dir, 'manifest.dcm');
    await writeFile(file, m.bytes);
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile({ file }), tool: TOOL, simulators: {} });
    expect(Object.fromEntries(run.tests.map((t) => [t.id, t.state]))).toEqual({
      'wado.manifest': 'pass',
      'wado.retrieve': 'pass',
      'wado.negotiation': 'pass',
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
      // No audit section in the profile: the audit tests are not tested (issue 18).
      'wado.audit.sent': 'skip',
      'wado.audit.content': 'skip',
    });
    expect(run.tests[0]!.steps[0]!.message).toMatch(/^manifest [\d.]+ from file .*manifest\.dcm: 4 instances in 2 series$/);
    expect(run.tests.flatMap((t) => t.steps.flatMap((s) => s.findings ?? []))).toEqual([]);
  });

  test('a local ID the manifest does not list is still a wrong patient', async () => {
    const file = join(dir, 'other-local.dcm');
    await writeFile(file, gatewayManifest(join(dir, 'study'), sim.base, { localId: 'LOCAL-43' }).bytes);
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile({ file }), tool: TOOL, simulators: {} });
    const retrieve = run.tests.find((t) => t.id === 'wado.retrieve')!;
    expect(retrieve.state).toBe('fail');
    expect(new Set(retrieve.steps.flatMap((s) => s.findings ?? []).map((f) => f.ruleId))).toEqual(new Set(['wado.uids.patient']));
  });

  test('a manifest file that cannot be read is an error of the input, not a failure of the source', async () => {
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile({ file: join(dir, 'missing.dcm') }), tool: TOOL, simulators: {} });
    expect(run.tests[0]).toMatchObject({ id: 'wado.manifest', state: 'error' });
    expect(run.tests[0]!.steps[0]!.message).toMatch(/manifest\.file .*missing\.dcm cannot be read \(ENOENT\)/);
    expect(run.requirements.filter((r) => r.state === 'fail')).toEqual([]);
  });

  test('a manifest of another study than oids.studyInstanceUid is an input error', async () => {
    const file = join(dir, 'manifest2.dcm');
    await writeFile(file, gatewayManifest(join(dir, 'study'), sim.base).bytes);
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile({ file }, '1.2.3.4'), tool: TOOL, simulators: {} });
    expect(run.tests[0]!.state).toBe('error');
    expect(run.tests[0]!.steps[0]!.message).toMatch(/is of study [\d.]+, not oids\.studyInstanceUid 1\.2\.3\.4/);
  });
});
