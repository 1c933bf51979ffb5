// The plan's shape and the inputs no reference-SUT variant exercises: a profile without the
// study to check, and a source that is not there at all. Full runs: suites/reference-sut/wado-rs-source.
import { describe, expect, test } from 'vitest';
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
    const run = await runPlan(wadoRsSourcePlan(), { sut: sut({ roles: ['WADO-RS Source'], endpoints: { wadoRs: 'http://127.0.0.1:9/dicom-web' } }), tool: TOOL, simulators: {} });
    expect(run.tests.map((t) => t.state)).toEqual(['skip', 'skip', 'skip', 'skip']);
    expect(run.tests[0]!.steps[0]!.message).toBe('the SUT profile has no oids.studyInstanceUid (the study to check)');
  });

  test('a source our side cannot reach is error (not judged), never fail, naming the endpoint', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    // (Issue 14: this was 'fail' on WADO-001 and GW-012; a refused connection is not a
    // nonconformance, our side could not judge.)
    const profile = sut({ roles: ['WADO-RS Source'], endpoints: { wadoRs: 'http://127.0.0.1:9/dicom-web' }, oids: { studyInstanceUid: '1.2.3.4' } });
    const run = await runPlan(wadoRsSourcePlan(), { sut: profile, tool: TOOL, simulators: {} });
    expect(run.requirements.filter((r) => r.state === 'fail').map((r) => r.id)).toEqual([]);
    const errors = run.requirements.filter((r) => r.state === 'error').map((r) => r.id);
    expect(errors).toEqual(expect.arrayContaining(['WADO-001', 'GW-012']));
    expect(run.counts.fail).toBe(0);
    expect(run.tests.find((t) => t.state === 'error')?.message).toMatch(/^our side could not reach http:\/\/127\.0\.0\.1:9\/dicom-web\S*: ECONNREFUSED \(connection refused\)/);
    expect(run.tests.find((t) => t.id === 'wado.retrieve')?.state).toBe('skip');
  });
});
