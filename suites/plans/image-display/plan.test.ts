// The plan's shape, and what no reference variant reaches: without its simulators or the viewer
// endpoint the plan ends in error (our setup), never fail.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { imageDisplayPlan } from './index.ts';

describe('Image Display plan', () => {
  test('cites only catalogue IDs, on every step', () => {
    const plan = imageDisplayPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
  });

  test('a profile without endpoints.iid and no simulators ends in error, never fail', async () => {
    const run = await runPlan(imageDisplayPlan(), { sut: sut({ roles: ['Image Display'] }), tool: TOOL });
    // iid.central is for central viewers (SSV2) only; the TLS tests are not tested without an https:// endpoint,
    // nor the client-side ones without a tls section (our TLS servers cannot start).
    expect(run.tests.map((t) => t.state)).toEqual(['error', 'error', 'omit', 'skip', 'skip', 'skip', 'skip']);
    const central = await runPlan(imageDisplayPlan(), { sut: sut({ roles: ['Image Display'], options: ['SSV2'] }), tool: TOOL });
    // It waits for iid.view, which could not run.
    expect(central.tests.map((t) => t.state)).toEqual(['error', 'error', 'skip', 'skip', 'skip', 'skip', 'skip']);
  });
});
