// The MHD consumer plan's shape and what no reference variant reaches: the search parameters
// of a recorded ITI-67 are read from a GET query and a POST _search form alike.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../../model/exchange.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { PLAN_LOADERS } from '../index.ts';
import { mhdDocumentConsumerPlan } from './index.ts';
import { searchParams } from './steps/find.ts';

const ex = (summary: string, body?: string): Exchange => ({ id: 'e', at: '', transaction: 'ITI-67', from: '', to: '', request: { summary, size: 0, ...(body ? { body } : {}) } });

describe('MHD Document Consumer plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = mhdDocumentConsumerPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['mhd-document-consumer']!()).id).toBe(plan.id);
  });

  test('reads search parameters from GET and POST _search', () => {
    expect([...searchParams(ex('GET /fhir/DocumentReference?patient.identifier=a%7Cb&modality=CT HTTP/1.1')).keys()]).toEqual(['patient.identifier', 'modality']);
    expect(searchParams(ex('POST /fhir/DocumentReference/_search HTTP/1.1', 'status=current&period=ge2024')).get('period')).toBe('ge2024');
  });
});
