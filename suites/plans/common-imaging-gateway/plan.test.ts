// The gateway plan's shape, and what needs no Orthanc: a profile without the legacy PACS is
// our setup error (the seed test errors, what depends on it is skipped, nothing fails), and
// a gateway that never queries the registry fails the consume test on its wait. Full runs
// with Orthanc live in suites/reference-sut/common-imaging-gateway (*.int.test.ts).
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { scriptedSimulator, sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { commonImagingGatewayPlan } from './index.ts';

const profile = sut({
  roles: ['Common Imaging Gateway'],
  endpoints: { hl7: 'mllp://127.0.0.1:9', wadoRs: 'http://127.0.0.1:9/dicom-web' },
});

describe('Common Imaging Gateway plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = commonImagingGatewayPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['common-imaging-gateway']!()).id).toBe(plan.id);
  });

  /** The plan against scripted simulators, with no legacy PACS and no tls section in the profile: run once, read by three tests. */
  let bare: ReturnType<typeof runPlan> | undefined;
  const bareRun = () =>
    (bare ??= runPlan(commonImagingGatewayPlan({ waitMs: 200 }), {
      sut: profile,
      tool: TOOL,
      simulators: { xds: scriptedSimulator(), remote: scriptedSimulator() },
      pollMs: 10,
    }));

  test('without a legacy PACS in the profile the seed errors and its dependants are skipped', async () => {
    const run = await bareRun();
    const state = (id: string) => run.tests.find((t) => t.id === id)?.state;
    expect(state('gw.seed')).toBe('error');
    expect(['gw.report', 'gw.publish', 'gw.publish-report', 'gw.wado-rs', 'gw.probe'].map(state)).toEqual([
      'skip',
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
  });

  test('a gateway that never queries the registry fails GW-006 on its wait', async () => {
    const run = await bareRun();
    expect(run.tests.find((t) => t.id === 'gw.consume')).toMatchObject({ state: 'fail', message: 'no ITI-18 exchange within 200 ms' });
    expect(run.requirements.find((r) => r.id === 'GW-006')?.state).toBe('fail');
  });

  test("without a tls section our TLS servers cannot start: the gateway's client TLS tests are not tested (skip)", async () => {
    const run = await bareRun();
    const state = (id: string) => run.tests.find((t) => t.id === id)?.state;
    expect(['gw.tls.client-version', 'gw.tls.server-certificate'].map(state)).toEqual(['skip', 'skip']);
  });
});
