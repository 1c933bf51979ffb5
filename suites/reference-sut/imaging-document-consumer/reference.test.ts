// The reference Imaging Document Consumer passes its plan and matches the golden run; each broken variant
// fails on exactly the requirements its defect breaks, as recorded for docs/mutations.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../../../model/run.ts';
import { runCommand } from '../../../cli/commands/run.ts';
import type { Io } from '../../../cli/io.ts';
import { imagingDocumentConsumerPlan } from '../../plans/imaging-document-consumer/index.ts';
import { maskRun } from '../golden.ts';
import { recordedFailures } from '../mutations.ts';
import { DEFECT_IDS, DEFECTS, type DefectId } from './defects.ts';
import { PLAN_ID, startReferenceConsumer } from './index.ts';

// A variant that never sends a request fails on this wait instead of the default 120 s.
const WAIT_MS = 3_000;
const GOLDEN = new URL('../../../fixtures/golden/imaging-document-consumer.run.json', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'mcwg-ref-idc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const quiet = (): Io => ({ isTty: false, debug: false, out: () => undefined, err: () => undefined });

async function run(name: string, defect?: DefectId): Promise<{ code: number; run: RunModel }> {
  const out = join(root, name);
  const reference = { planId: PLAN_ID, start: ({ dataDir }: { dataDir: string }) => startReferenceConsumer({ dataDir, ...(defect ? { defect } : {}) }) };
  const code = await runCommand(undefined, { out, concurrency: '4', reference: true }, quiet(), { plans: { [PLAN_ID]: async () => imagingDocumentConsumerPlan({ waitMs: WAIT_MS }) }, reference });
  return { code, run: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel };
}

const failing = (r: RunModel) => r.requirements.filter((q) => q.state === 'fail').map((q) => q.id);

describe('reference Imaging Document Consumer', () => {
  test('passes every test of the plan and matches the golden run', async () => {
    const r = await run('conformant');
    expect(r.run.tests.map((t) => [t.id, t.state, t.message ?? ''])).toEqual(r.run.tests.map((t) => [t.id, 'pass', t.message ?? '']));
    expect(r.code).toBe(0);
    const masked = `${JSON.stringify(maskRun(r.run), null, 1)}\n`;
    if (process.env.MCWG_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, masked);
    expect(masked).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  test.each(DEFECT_IDS.map((d) => [d, DEFECTS[d].fails] as const))('variant %s fails on exactly %j', async (defect, fails) => {
    const r = await run(defect, defect);
    expect(r.code).toBe(1);
    expect(failing(r.run)).toEqual(fails);
    expect(recordedFailures(PLAN_ID, defect, failing(r.run))).toEqual([...failing(r.run)].sort());
  });
});
