// The MHD source plan's shape and what no reference variant reaches: a SUT that never posts
// fails the publish test on its wait and the content tests are skipped. Full runs live in
// suites/reference-sut/mhd-document-source.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { scriptedSimulator, sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { mhdDocumentSourcePlan } from './index.ts';

describe('MHD Document Source plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = mhdDocumentSourcePlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['mhd-document-source']!()).id).toBe(plan.id);
  });

  test('a SUT that never posts fails the publish test on its wait; content tests are skipped', async () => {
    const profile = sut({ roles: ['MHD Document Source'], patientIdDomains: [{ name: 'd', issuer: '1.2.3', patients: ['P1'] }] });
    const run = await runPlan(mhdDocumentSourcePlan({ waitMs: 200 }), {
      sut: profile,
      tool: TOOL,
      simulators: { mhd: scriptedSimulator() },
      pollMs: 10,
    });
    expect(run.tests.find((t) => t.id === 'mhd-src.publish')).toMatchObject({ state: 'fail', message: 'no ITI-65 exchange within 200 ms' });
    expect(run.tests.find((t) => t.id === 'mhd-src.attachments')?.state).toBe('skip');
  });
});
