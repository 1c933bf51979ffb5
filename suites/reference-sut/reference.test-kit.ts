// The shared shape of every reference-SUT test: the conformant reference passes every test of
// its plan and matches fixtures/golden/<plan>.run.json (MCWG_UPDATE_GOLDEN=1 rewrites it); each
// broken variant fails on exactly the requirements its defect breaks, as recorded for
// docs/mutations.md. A plan's test file adds only what it checks beyond that.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../../model/run.ts';
import { EvidenceWriter } from '../../reports/evidence/writer.ts';
import type { PlanDef } from '../engine/dsl.ts';
import { finalizeRun } from '../engine/finalize-run.ts';
import { runPlan, type RunOptions } from '../engine/run-plan.ts';
import { TOOL } from '../engine/scripted.ts';
import type { RunningSut } from '../engine/plan-module.ts';
import { loadPolicy } from '../policies/load-policy.ts';
import { maskRun } from './golden.ts';
import { recordedFailures } from './mutations.ts';
import { packageUrl } from '../../model/package-root.ts';

/** One run of the reference (or a variant): the run model, its out folder, and what `probe` saw before the stop. */
export interface ReferenceRun<P = undefined> {
  run: RunModel;
  out: string;
  probe: P | undefined;
}

export interface ReferenceSutSpec<D extends string, S extends RunningSut, P> {
  planId: string;
  title: string;
  plan: () => PlanDef | Promise<PlanDef>;
  start: (opts: { dataDir: string; defect?: D }) => Promise<S>;
  defects: Readonly<Record<D, { readonly fails: readonly string[] }>>;
  runOptions?: Omit<RunOptions, 'sut' | 'tool' | 'simulators' | 'evidence'>;
  /**
   * Finish the run as `mcwg run` does: evidence bundle and run.json under the run's out folder,
   * label decided by the default policy (that plan's golden run was recorded that way).
   */
  labelled?: boolean;
  /** Read from the running SUT before it stops (e.g. its internal problems). */
  probe?: (sut: S) => P;
  /** Runs the plan some other way (e.g. through the CLI); the common checks stay the same. */
  execute?: (out: string, defect?: D) => Promise<ReferenceRun<P>>;
  /** Checks beyond the common ones, on the conformant run. */
  onConformant?: (r: ReferenceRun<P>) => void | Promise<void>;
  /** Checks beyond the common ones, on each variant's run. */
  onVariant?: (r: ReferenceRun<P>) => void | Promise<void>;
  /** Skip the whole suite (a missing peer). */
  skip?: boolean;
  timeoutMs?: number;
}

export const failingRequirements = (r: RunModel): string[] => r.requirements.filter((q) => q.state === 'fail').map((q) => q.id);

export function describeReferenceSut<D extends string, S extends RunningSut, P = undefined>(spec: ReferenceSutSpec<D, S, P>): void {
  const golden = packageUrl(`fixtures/golden/${spec.planId}.run.json`);

  describe.skipIf(spec.skip ?? false)(spec.title, () => {
    // Made on first use: a skipped suite leaves nothing behind.
    let root = '';
    beforeAll(() => void (root = mkdtempSync(join(tmpdir(), `mcwg-reference-${spec.planId}-`))));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const run = (name: string, defect?: D) => (spec.execute ?? ((out, d) => runReference(spec, out, d)))(join(root, name), defect);

    test(
      'passes every test of the plan and matches the golden run',
      async () => {
        const r = await run('conformant');
        expect(r.run.tests.map((t) => [t.id, t.state, t.message])).toEqual(r.run.tests.map((t) => [t.id, 'pass', undefined]));
        // What `mcwg run` maps to exit code 0.
        expect([r.run.state, r.run.incomplete, r.run.counts.fail, r.run.counts.error]).toEqual(['pass', false, 0, 0]);
        const masked = `${JSON.stringify(maskRun(r.run), null, 1)}\n`;
        if (process.env.MCWG_UPDATE_GOLDEN === '1') writeFileSync(golden, masked);
        expect(masked).toBe(readFileSync(golden, 'utf8'));
        await spec.onConformant?.(r);
      },
      spec.timeoutMs,
    );

    const defectIds = Object.keys(spec.defects) as D[];
    test.each(defectIds.map((d) => [d, spec.defects[d].fails] as const))(
      'variant %s fails on exactly %j',
      async (defect, fails) => {
        const r = await run(defect, defect);
        // What `mcwg run` maps to exit code 1.
        expect(r.run.counts.fail).toBeGreaterThan(0);
        const failing = failingRequirements(r.run);
        expect(failing).toEqual(fails);
        // docs/mutations.md renders this record; it must be what the run really failed.
        expect(recordedFailures(spec.planId, defect, failing)).toEqual([...failing].sort());
        await spec.onVariant?.(r);
      },
      spec.timeoutMs,
    );
  });
}

async function runReference<D extends string, S extends RunningSut, P>(
  spec: ReferenceSutSpec<D, S, P>,
  out: string,
  defect?: D,
): Promise<ReferenceRun<P>> {
  const plan = await spec.plan();
  const sut = await spec.start({ dataDir: join(out, 'data'), ...(defect ? { defect } : {}) });
  const evidence = spec.labelled ? new EvidenceWriter(join(out, 'evidence')) : undefined;
  let run: RunModel;
  let probe: P | undefined;
  try {
    run = await runPlan(plan, {
      concurrency: 4,
      ...spec.runOptions,
      sut: sut.sut,
      tool: TOOL,
      simulators: sut.simulators,
      ...(evidence ? { evidence } : {}),
    });
    probe = spec.probe?.(sut);
  } finally {
    await sut.stop();
  }
  if (spec.labelled) {
    const done = await finalizeRun(run, { sut: sut.sut, policy: loadPolicy(), ...(evidence ? { evidence } : {}) });
    await writeFile(join(out, 'run.json'), done.runJson);
    run = JSON.parse(done.runJson) as RunModel;
  }
  return { run, out, probe };
}
