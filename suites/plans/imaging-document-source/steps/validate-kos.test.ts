// The KOS step checks KOS-021/KOS-023 only against the deployment's location table; without
// one it says they were not checked, so they are "not tested", never "pass".
import { describe, expect, test } from 'vitest';
import { EXAMPLE_BASE, EXAMPLE_LOCATION } from '../../../../fixtures/builders/kos-example.ts';
import { conformantManifest, toBytes } from '../../../../fixtures/builders/kos-fixtures.ts';
import type { Exchange } from '../../../../model/exchange.ts';
import { definePlan } from '../../../engine/dsl.ts';
import { runPlan } from '../../../engine/run-plan.ts';
import { TOOL, sut } from '../../../engine/scripted.ts';
import type { PlanState } from '../state.ts';
import { validateManifest } from './validate-kos.ts';

const state = (): PlanState =>
  ({
    published: {
      exchange: { id: 'ex-rad68' } as Exchange,
      request: {},
      entry: {},
      kos: { artefact: 'kos.dcm', bytes: toBytes(conformantManifest()) },
    },
  }) as unknown as PlanState;

const runStep = (profile: ReturnType<typeof sut>) =>
  runPlan(
    definePlan({
      id: 'p',
      version: '1.0.0',
      title: 'p',
      groups: [{ id: 'g', title: 'g', tests: [{ id: 'kos', title: 'kos', verifies: [], steps: [validateManifest(state())] }] }],
    }),
    { sut: profile, tool: TOOL },
  );

const stateOf = (run: Awaited<ReturnType<typeof runStep>>, id: string) => run.requirements.find((r) => r.id === id)?.state;

describe('validate-kos step and the location table', () => {
  test('without a location table KOS-021 and KOS-023 are not tested, the others still pass', async () => {
    const run = await runStep(sut());
    expect(run.tests[0]!.steps[0]).toMatchObject({ state: 'pass', notChecked: { reqIds: ['KOS-021', 'KOS-023'] } });
    expect([stateOf(run, 'KOS-021'), stateOf(run, 'KOS-023'), stateOf(run, 'KOS-001')]).toEqual(['skip', 'skip', 'pass']);
  });

  test('with the table they are checked and pass', async () => {
    const run = await runStep(sut({ oids: { retrieveLocationUid: EXAMPLE_LOCATION }, endpoints: { wadoRs: EXAMPLE_BASE } }));
    expect(run.tests[0]!.steps[0]!.notChecked).toBeUndefined();
    expect([stateOf(run, 'KOS-021'), stateOf(run, 'KOS-023')]).toEqual(['pass', 'pass']);
  });
});
