// The reference MHD consumer passes the MHD Document Consumer plan, matches
// its golden run, and each broken variant fails on exactly the requirements its defect breaks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../../../model/run.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { TOOL } from '../../engine/scripted.ts';
import { mhdDocumentConsumerPlan } from '../../plans/mhd-document-consumer/index.ts';
import { maskRun } from '../golden.ts';
import { recordedFailures } from '../mutations.ts';
import { DEFECT_IDS, DEFECTS, type DefectId } from './defects.ts';
import { startReferenceMhdConsumer } from './index.ts';

const GOLDEN = new URL('../../../fixtures/golden/mhd-document-consumer.run.json', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'mcwg-reference-mhdc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(name: string, defect?: DefectId): Promise<RunModel> {
  const sut = await startReferenceMhdConsumer({ dataDir: join(root, name), ...(defect ? { defect } : {}) });
  try {
    return await runPlan(mhdDocumentConsumerPlan({ waitMs: 5_000 }), { sut: sut.sut, tool: TOOL, simulators: sut.simulators, concurrency: 4, pollMs: 20 });
  } finally {
    await sut.stop();
  }
}

const failing = (r: RunModel) => r.requirements.filter((q) => q.state === 'fail').map((q) => q.id);

describe('reference MHD Document Consumer', () => {
  test('passes every test of the plan and matches the golden run', async () => {
    const r = await run('conformant');
    expect(r.tests.map((t) => [t.id, t.state, t.message])).toEqual(r.tests.map((t) => [t.id, 'pass', undefined]));
    const masked = `${JSON.stringify(maskRun(r), null, 1)}\n`;
    if (process.env.MCWG_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, masked);
    expect(masked).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  test.each(DEFECT_IDS.map((d) => [d, DEFECTS[d].fails] as const))('variant %s fails on exactly %j', async (defect, fails) => {
    const r = await run(defect, defect);
    expect(failing(r)).toEqual(fails);
    expect(recordedFailures('mhd-document-consumer', defect, failing(r))).toEqual([...failing(r)].sort());
  });
});
