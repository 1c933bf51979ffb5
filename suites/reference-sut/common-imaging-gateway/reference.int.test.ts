// The reference gateway (with Orthanc as its legacy PACS) passes the Common Imaging Gateway
// plan, matches its golden run, and each broken variant fails on exactly the requirements
// its defect breaks. Needs the Orthanc peer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { peerAvailable } from '../../../fixtures/peers.ts';
import type { RunModel } from '../../../model/run.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { TOOL } from '../../engine/scripted.ts';
import { commonImagingGatewayPlan } from '../../plans/common-imaging-gateway/index.ts';
import { maskRun } from '../golden.ts';
import { recordedFailures } from '../mutations.ts';
import { DEFECT_IDS, DEFECTS, type DefectId } from './defects.ts';
import { startReferenceGateway } from './index.ts';

const GOLDEN = new URL('../../../fixtures/golden/common-imaging-gateway.run.json', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'mcwg-reference-gw-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(name: string, defect?: DefectId): Promise<{ run: RunModel; problems: string[] }> {
  const sut = await startReferenceGateway({ dataDir: join(root, name), ...(defect ? { defect } : {}) });
  try {
    // Short waits: the reference gateway acts within a second; a defect that never acts fails fast.
    const r = await runPlan(commonImagingGatewayPlan({ waitMs: 5_000 }), { sut: sut.sut, tool: TOOL, simulators: sut.simulators, concurrency: 4, pollMs: 50 });
    return { run: r, problems: sut.problems() };
  } finally {
    await sut.stop();
  }
}

const failing = (r: RunModel) => r.requirements.filter((q) => q.state === 'fail').map((q) => q.id);

describe.skipIf(!peerAvailable('Orthanc'))('reference Common Imaging Gateway (Orthanc as legacy PACS)', () => {
  test('passes every test of the plan and matches the golden run', async () => {
    const { run: r, problems } = await run('conformant');
    expect(problems).toEqual([]);
    expect(r.tests.map((t) => [t.id, t.state, t.message])).toEqual(r.tests.map((t) => [t.id, 'pass', undefined]));
    const masked = `${JSON.stringify(maskRun(r), null, 1)}\n`;
    if (process.env.MCWG_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, masked);
    expect(masked).toBe(readFileSync(GOLDEN, 'utf8'));
  }, 120_000);

  test.each(DEFECT_IDS.map((d) => [d, DEFECTS[d].fails] as const))('variant %s fails on exactly %j', async (defect, fails) => {
    const { run: r } = await run(defect, defect);
    expect(failing(r)).toEqual(fails);
    expect(recordedFailures('common-imaging-gateway', defect, failing(r))).toEqual([...failing(r)].sort());
  }, 120_000);
});
