// The plan's shape and what the reference variants do not reach: other HL7 traffic before the
// report is left alone, and an MDM^T02 report is taken as well as an ORU^R01.
import { describe, expect, test } from 'vitest';
import { mdmT02, adt } from '../../../fixtures/builders/hl7-messages.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { scriptedSimulator, sut, TOOL } from '../../engine/scripted.ts';
import { PLAN_LOADERS } from '../index.ts';
import { reportSourcePlan } from './index.ts';

// As our receiver records it: the UTF-8 bytes kept as latin1 text.
const msg = (id: string, er7: string) => ({
  id,
  transaction: 'HL7',
  request: { size: er7.length, summary: er7.split('\r', 1)[0]!, body: Buffer.from(er7, 'utf8').toString('latin1') },
});

describe('report source plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = reportSourcePlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['report-source']!()).id).toBe(plan.id);
  });

  test('an ADT before the report is ignored; an MDM^T02 report passes content and linkage', async () => {
    const ris = scriptedSimulator();
    ris.record(msg('adt', adt('A04')));
    ris.record(msg('mdm', mdmT02()));
    const run = await runPlan(reportSourcePlan({ waitMs: 500 }), {
      sut: sut({ roles: ['RIS'] }),
      tool: TOOL,
      simulators: { ris },
      pollMs: 10,
    });
    expect(run.tests.map((t) => [t.id, t.state])).toEqual([
      ['ris.report', 'pass'],
      ['ris.content', 'pass'],
      ['ris.linkage', 'pass'],
      // Viewer links are checked only for a SUT that declares SSV1 (a viewer hosted at the source).
      ['ris.iid-links', 'omit'],
      // Without a tls section in the profile our TLS servers cannot start: not tested.
      ['ris.tls.client-version', 'skip'],
      ['ris.tls.server-certificate', 'skip'],
    ]);
    expect(run.tests[0]!.steps[0]!.evidence).toContain('mdm');
  });

  test('no report within the wait fails RIS-001 and skips the rest', async () => {
    const run = await runPlan(reportSourcePlan({ waitMs: 100 }), {
      sut: sut({ roles: ['RIS'] }),
      tool: TOOL,
      simulators: { ris: scriptedSimulator() },
      pollMs: 10,
    });
    expect(run.tests.map((t) => t.state)).toEqual(['fail', 'skip', 'skip', 'omit', 'skip', 'skip']);
    expect(run.requirements.filter((r) => r.state === 'fail').map((r) => r.id)).toEqual(['RIS-001']);
  });
});
