// Architecture B: the reference consumer finds and retrieves through our initiating gateway
// (profile option XCA), the studies in the remote community, and passes every test of the
// plan; its ITI-43 carries the remote community's HomeCommunityId. The variant that drops it
// (xca-drops-home) runs with the other variants in reference.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runPlan } from '../../../engine/run-plan.ts';
import { TOOL } from '../../../engine/scripted.ts';
import { REMOTE_HOME } from '../../common/imaging-consumer/federated.ts';
import { imagingDocumentConsumerPlan } from '../index.ts';
import { startReferenceConsumer } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-idc-xca-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('through an initiating gateway the reference consumer passes every test, retrieving with the remote home', async () => {
  const ref = await startReferenceConsumer({ dataDir: join(root, 'data'), xca: true });
  let retrieves: string[] = [];
  try {
    const run = await runPlan(imagingDocumentConsumerPlan({ waitMs: 5_000 }), { sut: ref.sut, tool: TOOL, simulators: ref.simulators });
    expect(run.tests.map((t) => [t.id, t.state, t.message])).toEqual(run.tests.map((t) => [t.id, 'pass', undefined]));
    retrieves = ref.simulators
      .xds!.exchanges()
      .filter((e) => e.transaction === 'ITI-43')
      .map((e) => e.request.body ?? '');
  } finally {
    await ref.stop();
  }
  expect(ref.sut.options).toContain('XCA');
  // The manifest is read twice: to view the study, and again in the key-images-only view (KIN-012/013).
  expect(retrieves).toHaveLength(2);
  for (const r of retrieves) expect(r).toContain(`HomeCommunityId>${REMOTE_HOME}<`);
}, 60_000);
