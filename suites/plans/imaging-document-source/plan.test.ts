// The plan's shape and the steps no reference-SUT variant reaches: a scripted SUT sends RAD-68
// without MTOM (XDS-001 fails), and one never sends the unknown-patient submission (the
// negative test fails on its wait). Full runs live in suites/reference-sut.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../../model/exchange.ts';
import { STATUS, writeProvideAndRegister, writeRegistryResponse } from '../../../protocols/ebrim/index.ts';
import { writeEnvelope } from '../../../protocols/soap/index.ts';
import { conformantSubmission } from '../../../fixtures/builders/ebrim-submission.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { scriptedSimulator, sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { imagingDocumentSourcePlan } from './index.ts';

const PROVIDE = 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b';
const profile = sut({
  patientIdDomains: [{ name: 'd', issuer: '1.2.3.4.5.6.2', patients: ['PAT-0001'] }],
  endpoints: { wadoRs: 'http://127.0.0.1:9/dicom-web' },
});

function rad68(contentType: string): Partial<Exchange> & Pick<Exchange, 'id' | 'transaction'> {
  return {
    id: 'ex-rad68',
    transaction: 'RAD-68',
    request: {
      size: 1,
      contentType,
      body: writeEnvelope(writeProvideAndRegister(conformantSubmission()), { action: PROVIDE, request: true }),
    },
    response: {
      size: 1,
      body: writeEnvelope(writeRegistryResponse({ status: STATUS.success, errors: [] }), { action: `${PROVIDE}Response` }),
    },
  };
}

describe('Imaging Document Source plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = imagingDocumentSourcePlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    const steps = plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps));
    expect(steps.filter((s) => s.verifies.length === 0).map((s) => s.id)).toEqual([]);
    expect((await PLAN_LOADERS['imaging-document-source']!()).id).toBe(plan.id);
  });

  test('each load is a fresh plan whose tests share nothing with another run', async () => {
    const [a, b] = [await PLAN_LOADERS['imaging-document-source']!(), await PLAN_LOADERS['imaging-document-source']!()];
    expect(a).not.toBe(b);
    expect(a.groups[0]!.tests[0]!.steps[0]).not.toBe(b.groups[0]!.tests[0]!.steps[0]);
  });

  test('a RAD-68 sent as plain SOAP (no MTOM/XOP) fails XDS-001 and skips what depends on it', async () => {
    const xds = scriptedSimulator();
    xds.record(rad68('application/soap+xml; charset=UTF-8'));
    const run = await runPlan(imagingDocumentSourcePlan({ waitMs: 300 }), { sut: profile, tool: TOOL, simulators: { xds }, pollMs: 10 });
    const publish = run.tests.find((t) => t.id === 'ids.publish')!;
    expect(publish.steps.map((s) => [s.id, s.state])).toEqual([
      ['receive', 'fail'],
      ['retrieve-manifest', 'skip'],
    ]);
    expect(publish.findings.map((f) => [f.ruleId, f.reqIds, f.location.path])).toEqual([['ids.rad68.mtom', ['XDS-001'], 'Content-Type']]);
    expect(run.tests.find((t) => t.id === 'ids.kos')).toMatchObject({
      state: 'skip',
      message: 'not run: dependency ids.publish ended fail',
    });
    expect(run.requirements.find((r) => r.id === 'XDS-001')?.state).toBe('fail');
  });

  test('a SUT that never submits for an unknown patient fails the negative test on its wait', async () => {
    const xds = scriptedSimulator();
    xds.record(rad68('multipart/related; type="application/xop+xml"; start-info="application/soap+xml"; boundary=b'));
    const run = await runPlan(imagingDocumentSourcePlan({ waitMs: 200 }), { sut: profile, tool: TOOL, simulators: { xds }, pollMs: 10 });
    expect(run.tests.find((t) => t.id === 'ids.unknown-patient')).toMatchObject({
      state: 'fail',
      message: 'no RAD-68 exchange within 200 ms',
    });
    expect(run.tests.find((t) => t.id === 'ids.publish')!.steps[0]!.state).toBe('pass');
  });
});
