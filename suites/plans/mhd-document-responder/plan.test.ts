// The MHD responder plan's shape, and what no reference variant reaches: a profile without a
// FHIR base is our setup error, never a SUT failure. Full runs live in
// suites/reference-sut/mhd-document-responder.
import { describe, expect, test } from 'vitest';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { mhdDocumentResponderPlan } from './index.ts';

describe('MHD Document Responder plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = mhdDocumentResponderPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['mhd-document-responder']!()).id).toBe(plan.id);
  });

  test('a profile without endpoints.fhir ends the tests in error or skip, never fail', async () => {
    const profile = sut({
      roles: ['MHD Document Recipient', 'MHD Document Responder'],
      patientIdDomains: [{ name: 'd', issuer: '1.2.3', patients: ['P1'] }],
    });
    const run = await runPlan(mhdDocumentResponderPlan(), { sut: profile, tool: TOOL });
    expect(run.tests.map((t) => t.state)).not.toContain('fail');
    expect(run.tests.find((t) => t.id === 'mhd.provide')?.state).toBe('error');
  });
});
