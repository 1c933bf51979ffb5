// The reference SUT passes the Imaging Document Source plan, matches the committed golden
// run, and each broken variant fails on exactly the requirements its defect breaks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../../model/run.ts';
import { runCommand } from '../../cli/commands/run.ts';
import { runCli } from '../../cli/program.ts';
import type { Io } from '../../cli/io.ts';
import { PLANS, type ReferenceSut } from '../plans/index.ts';
import { DEFECT_IDS, DEFECTS, type DefectId } from './defects.ts';
import { GOLDEN_FILE, maskRun } from './golden.ts';
import { PLAN_ID, startReferenceSut } from './index.ts';
import { recordedFailures } from './mutations.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-ref-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTty: false, debug: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const reference = (defect?: DefectId): ReferenceSut => ({
  planId: 'imaging-document-source',
  start: ({ dataDir }) => startReferenceSut({ dataDir, ...(defect ? { defect } : {}) }),
});

async function run(name: string, defect?: DefectId): Promise<{ code: number; run: RunModel; out: string; io: ReturnType<typeof capture> }> {
  const out = join(root, name);
  const io = capture();
  const code = await runCommand(undefined, { out, concurrency: '4', reference: true }, io, { plans: PLANS, reference: reference(defect) });
  return { code, run: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel, out, io };
}

const failing = (r: RunModel) => r.requirements.filter((q) => q.state === 'fail').map((q) => q.id);

describe('reference Imaging Document Source', () => {
  test('passes every test of the plan, matches the golden run and its evidence verifies', async () => {
    const r = await run('conformant');
    expect(r.run.tests.map((t) => [t.id, t.state, t.message])).toEqual(r.run.tests.map((t) => [t.id, 'pass', undefined]));
    expect(r.code).toBe(0);
    expect(r.io.stdout).toContain(`reports: ${r.out} (run.json, junit.xml, report.html, summary.csv, evidence/)`);
    const masked = `${JSON.stringify(maskRun(r.run), null, 1)}\n`;
    if (process.env.MCWG_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN_FILE, masked);
    expect(masked).toBe(readFileSync(GOLDEN_FILE, 'utf8'));
    expect(await runCli(['evidence', 'verify', r.out], capture())).toBe(0);
  });

  test.each(DEFECT_IDS.map((d) => [d, DEFECTS[d].fails] as const))('variant %s fails on exactly %j', async (defect, fails) => {
    const r = await run(defect, defect);
    expect(r.code).toBe(1);
    expect(failing(r.run)).toEqual(fails);
    // docs/mutations.md renders this record; it must be what the run really failed.
    expect(recordedFailures(PLAN_ID, defect, failing(r.run))).toEqual([...failing(r.run)].sort());
  });
});
