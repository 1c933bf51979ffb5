// The plan's shape, and what no reference variant reaches: a profile without the gateway
// endpoints or homeCommunityId is our setup error (error), never a SUT failure.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { respondingGatewayPlan } from './index.ts';

describe('Responding Gateway plan', () => {
  test('cites only catalogue IDs, on every step', () => {
    const plan = respondingGatewayPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
  });

  test('a profile without xcaQuery/xcaRetrieve endpoints ends in error, never fail', async () => {
    const profile = sut({
      roles: ['Responding Gateway'],
      oids: { homeCommunityId: '1.2.3' },
      patientIdDomains: [{ name: 'd', issuer: '1.2.3', patients: ['P1'] }],
    });
    const run = await runPlan(respondingGatewayPlan(), { sut: profile, tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.find((t) => t.id === 'rg.find')?.state).toBe('error');
  });

  test('a SUT of another role is not tested by this plan', async () => {
    const run = await runPlan(respondingGatewayPlan(), { sut: sut({ roles: ['Document Registry'] }), tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.map((t) => t.state)).not.toContain('pass');
  });
});
