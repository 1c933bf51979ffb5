// The MHD consumer plan's shape and what no reference variant reaches: the search parameters
// of a recorded ITI-67 are read from a GET query and a POST _search form alike.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../../model/exchange.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { PLAN_LOADERS } from '../index.ts';
import { mhdDocumentConsumerPlan } from './index.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { WaitTimeout } from '../../engine/wait-for.ts';
import { FILTERS, searchParams } from './steps/find.ts';

const ex = (summary: string, body?: string): Exchange => ({
  id: 'e',
  at: '',
  transaction: 'ITI-67',
  from: '',
  to: '',
  request: { summary, size: 0, ...(body ? { body } : {}) },
});

describe('MHD Document Consumer plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = mhdDocumentConsumerPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['mhd-document-consumer']!()).id).toBe(plan.id);
  });

  test('reads search parameters from GET and POST _search', () => {
    expect([...searchParams(ex('GET /fhir/DocumentReference?patient.identifier=a%7Cb&modality=CT HTTP/1.1')).keys()]).toEqual([
      'patient.identifier',
      'modality',
    ]);
    expect(searchParams(ex('POST /fhir/DocumentReference/_search HTTP/1.1', 'status=current&period=ge2024')).get('period')).toBe('ge2024');
  });
});

describe('MHD Document Consumer plan: what the tester is told (ACTION)', () => {
  test('every waiting step names the MHD transactions (ITI-67, ITI-68), never ITI-18/ITI-43, and spells out the MCWG filters', async () => {
    const seeded = {
      studies: [{ modality: 'CT', date: '20250102', accession: 'ACC1', manifestUid: '2.25.9', study: { studyInstanceUid: '2.25.8' } }],
      patientCx: 'P1^^^&1.2.3&ISO',
      registry: 'http://x/reg',
      repository: 'http://x/rep',
    };
    const told: string[] = [];
    const ctx = {
      sut: {},
      simulators: {
        xds: { url: 'http://x', exchanges: () => [], stop: async () => undefined, ...seeded },
        mhd: { url: 'http://127.0.0.1:1/fhir', exchanges: () => [] },
        wado: { url: 'http://w', exchanges: () => [] },
      },
      evidence: { exchange: async () => 'e', attach: async () => 'a' },
      waitFor: async (o: { instructions: string }) => {
        told.push(o.instructions);
        throw new WaitTimeout('timed out');
      },
      fromFindings: () => ({ state: 'fail' }),
    } as unknown as StepContext;
    const steps = mhdDocumentConsumerPlan({ waitMs: 10 }).groups.flatMap((g) => g.tests.flatMap((t) => t.steps));
    // Steps after a wait need an earlier test's state and throw without it: only the ACTION texts matter here.
    for (const step of steps) await (async () => step.run(ctx))().catch(() => undefined);
    expect(told.length).toBeGreaterThanOrEqual(3);
    for (const text of told) {
      expect(text).toMatch(/ITI-67/);
      expect(text).toMatch(/ITI-68/);
      expect(text).not.toMatch(/ITI-18|ITI-43/);
      expect(text).toContain(FILTERS);
    }
    expect(FILTERS).toMatch(/'modality'.*'anatomic-region'.*'period'.*'study-instance-uid'.*'accession'/);
  });
});
