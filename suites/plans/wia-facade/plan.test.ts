// The plan's shape, and what no reference variant reaches: without its seeded simulators or the
// facade endpoint the plan ends in error (our setup), never fail.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { wiaFacadePlan } from './index.ts';

describe('WIA Facade plan', () => {
  test('cites only catalogue IDs, on every step', () => {
    const plan = wiaFacadePlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
  });

  test('a profile without endpoints.wiaBase and no simulators ends in error, never fail', async () => {
    const run = await runPlan(wiaFacadePlan(), { sut: sut({ roles: ['WIA Facade'] }), tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.find((t) => t.id === 'wia.studies')?.state).toBe('error');
  });

  test("without a tls section our TLS servers cannot start: the facade's client TLS tests are not tested (skip)", async () => {
    const run = await runPlan(wiaFacadePlan({ waitMs: 50 }), { sut: sut({ roles: ['WIA Facade'] }), tool: TOOL });
    const states = Object.fromEntries(
      run.tests.filter((t) => t.id.startsWith('wia.tls.client') || t.id === 'wia.tls.server-certificate').map((t) => [t.id, t.state]),
    );
    expect(states).toEqual({ 'wia.tls.client-version': 'skip', 'wia.tls.server-certificate': 'skip' });
  });
});
