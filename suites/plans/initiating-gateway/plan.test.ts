// The plan's shape, and what no reference variant reaches: a profile without the gateway
// endpoints is our setup error (error), never a SUT failure; RAD-69 routing is tested only
// when the gateway declares it.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { initiatingGatewayPlan } from './index.ts';

describe('Initiating Gateway plan', () => {
  test('cites only catalogue IDs, on every step', () => {
    const plan = initiatingGatewayPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
  });

  test('without its communities or endpoints the run ends in error, never fail; RAD-69 routing is omitted without the option', async () => {
    const run = await runPlan(initiatingGatewayPlan(), { sut: sut({ roles: ['Initiating Gateway'] }), tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.find((t) => t.id === 'ig.find')?.state).toBe('error');
    expect(run.tests.find((t) => t.id === 'ig.retrieve-imaging')?.state).toBe('omit');
  });

  test('a SUT of another role is not tested by this plan', async () => {
    const run = await runPlan(initiatingGatewayPlan(), { sut: sut({ roles: ['Responding Gateway'] }), tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.map((t) => t.state)).not.toContain('pass');
  });

  test("without a tls section our TLS servers cannot start: the gateway's client TLS tests are not tested (skip)", async () => {
    const run = await runPlan(initiatingGatewayPlan({ waitMs: 50 }), { sut: sut({ roles: ['Initiating Gateway'] }), tool: TOOL });
    const states = Object.fromEntries(
      run.tests.filter((t) => t.id.startsWith('ig.tls.client') || t.id === 'ig.tls.server-certificate').map((t) => [t.id, t.state]),
    );
    expect(states).toEqual({ 'ig.tls.client-version': 'skip', 'ig.tls.server-certificate': 'skip' });
  });
});
