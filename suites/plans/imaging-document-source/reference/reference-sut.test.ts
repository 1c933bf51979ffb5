// The reference SUT passes the Imaging Document Source plan, matches the committed golden
// run, and each broken variant fails on exactly the requirements its defect breaks (see
// suites/reference-sut/reference.test-kit.ts). This plan runs through `mcwg run --reference`: its exit codes, summary
// and evidence bundle are checked too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunModel } from '../../../../model/run.ts';
import { runCommand } from '../../../../cli/commands/run.ts';
import { runCli } from '../../../../cli/program.ts';
import type { Io } from '../../../../cli/io.ts';
import { PLAN_LOADERS, type ReferenceSut } from '../../index.ts';
import { DEFECTS, type DefectId } from './defects.ts';
import { PLAN_ID, startReferenceSut } from './index.ts';
import { describeReferenceSut, type ReferenceRun } from '../../../reference-sut/reference.test-kit.ts';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const reference = (defect?: DefectId): ReferenceSut => ({
  planId: 'imaging-document-source',
  start: ({ dataDir }) => startReferenceSut({ dataDir, ...(defect ? { defect } : {}) }),
});

type Cli = { code: number; stdout: string };

async function execute(out: string, defect?: DefectId): Promise<ReferenceRun<Cli>> {
  const io = capture();
  const code = await runCommand(undefined, { out, concurrency: '4', reference: true }, io, {
    plans: PLAN_LOADERS,
    reference: reference(defect),
  });
  return { run: JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel, out, probe: { code, stdout: io.stdout } };
}

describeReferenceSut({
  planId: PLAN_ID,
  title: 'reference Imaging Document Source',
  plan: PLAN_LOADERS[PLAN_ID]!,
  start: startReferenceSut,
  defects: DEFECTS,
  execute,
  onConformant: async ({ out, probe }) => {
    expect(probe?.code).toBe(0);
    expect(probe?.stdout).toContain(`reports: ${out} (run.json, junit.xml, report.html, summary.csv, evidence/)`);
    expect(await runCli(['evidence', 'verify', out], capture())).toBe(0);
  },
  onVariant: ({ probe }) => void expect(probe?.code).toBe(1),
});
