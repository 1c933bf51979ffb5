// The plan's shape and the query reading the steps rely on. Full runs against the seeded
// simulators: suites/reference-sut/imaging-document-consumer.
import { describe, expect, test } from 'vitest';
import { param, rawParam } from '../../../simulators/clients/xds-consumer.ts';
import { loadCatalogue } from '../../../validators/catalogue/catalogue.ts';
import { checkPlan } from '../../engine/load-plan.ts';
import { PLAN_LOADERS } from '../index.ts';
import { imagingDocumentConsumerPlan } from './index.ts';
import { paramValues } from '../common/imaging-consumer/state.ts';

describe('Imaging Document Consumer plan', () => {
  test('cites only catalogue IDs, on every step, and is registered under its id', async () => {
    const plan = imagingDocumentConsumerPlan();
    expect(() => checkPlan(plan, loadCatalogue())).not.toThrow();
    expect(plan.groups.flatMap((g) => g.tests.flatMap((t) => t.steps)).filter((s) => s.verifies.length === 0)).toEqual([]);
    expect((await PLAN_LOADERS['imaging-document-consumer']!()).id).toBe(plan.id);
  });

  test('reads stored-query parameters as the wire writes them: quoted, in lists, with doubled quotes', () => {
    const q = {
      kind: 'AdhocQueryRequest' as const,
      queryId: 'x',
      returnType: 'LeafClass',
      path: '',
      parameters: [rawParam('$P', "'MCWG0100^^^&1.2&ISO'"), param('$L', 'CT^^^1.2.840.10008.2.16.4', "O'Brien,x")],
    };
    expect(paramValues(q, '$P')).toEqual(['MCWG0100^^^&1.2&ISO']);
    expect(paramValues(q, '$L')).toEqual(['CT^^^1.2.840.10008.2.16.4', "O'Brien,x"]);
    expect(paramValues(q, '$none')).toEqual([]);
  });
});
