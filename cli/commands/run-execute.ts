// One plan run, shared by `mcwg run PLAN --sut` and `--reference`: runs the plan against a
// started target, writes run.json, the reports and the evidence bundle, prints the summary.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../model/exchange.ts';
import type { RunModel } from '../../model/run.ts';
import { EvidenceWriter } from '../../reports/evidence/writer.ts';
import { writeReports } from '../../reports/index.ts';
import type { PlanDef } from '../../suites/engine/dsl.ts';
import { finalizeRun } from '../../suites/engine/finalize-run.ts';
import { runPlan } from '../../suites/engine/run-plan.ts';
import type { PlanLoader, ReferenceSut, SimulatorStarter } from '../../suites/engine/plan-module.ts';
import type { loadPolicy } from '../../suites/policies/load-policy.ts';
import type { SutProfile } from '../../suites/profiles/profile.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { TOOL_NAME, toolVersion } from '../version.ts';
import { progressView } from './run-progress.ts';

export interface RunDeps {
  plans: Readonly<Record<string, PlanLoader>>;
  /** The reference SUT of each plan, by plan id. */
  references?: Readonly<Record<string, ReferenceSut>>;
  /** One reference SUT to run alone, writing straight into --out (tests: a broken variant). */
  reference?: ReferenceSut | undefined;
  /** Simulators a plan needs against a real SUT (the reference SUT brings its own). */
  simulators?: Readonly<Record<string, SimulatorStarter>>;
  /** Stopped by Ctrl-C; tests pass their own. */
  signal?: AbortSignal;
}

export interface OneRun {
  io: Io;
  deps: RunDeps;
  policy: ReturnType<typeof loadPolicy>;
  concurrency: number;
}

export async function prepareOut(out: string): Promise<void> {
  await rm(join(out, 'evidence'), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}

export interface Target {
  sut: SutProfile;
  simulators: Record<string, Simulator>;
  stopSut(): Promise<void>;
}

export async function executePlan(plan: PlanDef, target: Target, out: string, ctx: OneRun): Promise<RunModel> {
  const { io, deps, policy } = ctx;
  const { sut, simulators } = target;
  const evidence = new EvidenceWriter(join(out, 'evidence'));
  const view = progressView(io);
  let run: RunModel;
  try {
    run = await runPlan(plan, {
      sut,
      simulators,
      tool: { name: TOOL_NAME, version: toolVersion() },
      evidence,
      concurrency: ctx.concurrency,
      interactive: io.isTty,
      onProgress: view.listener,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    view.stop();
    await target.stopSut();
  }
  const done = await finalizeRun(run, { sut, policy, evidence });
  await writeFile(join(out, 'run.json'), done.runJson);
  const written = await writeReports(done.run, out, { formats: ['junit', 'html', 'csv'] });
  for (const e of written.errors) io.err(`mcwg: report not written: ${e}\n`);
  summarise(io, done.run, out);
  return done.run;
}

function summarise(io: Io, run: RunModel, out: string): void {
  const c = run.counts;
  io.out(`${run.plan.id} against ${run.sut.name}: ${run.state}${run.incomplete ? ' (incomplete: stopped before the end)' : ''}\n`);
  io.out(`  tests: ${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip, ${c.omit} omit, ${c.wait} wait\n`);
  if (run.label) io.out(`  label (${run.label.policy.id} ${run.label.policy.version}, ${run.label.role}): ${run.label.outcome}\n`);
  io.out(`  reports: ${out} (run.json, junit.xml, report.html, summary.csv, evidence/)\n`);
}

/** DESIGN.md: 0 all passed, 1 conformance failures, 3 our breakage. */
export function exitCode(run: RunModel): number {
  if (run.counts.fail > 0) return EXIT.failures;
  if (run.counts.error > 0) return EXIT.internal;
  if (run.incomplete || run.state !== 'pass') return run.state === 'omit' && !run.incomplete ? EXIT.ok : EXIT.failures;
  return EXIT.ok;
}

export async function loadPlan(name: string, deps: RunDeps): Promise<PlanDef> {
  const loader = deps.plans[name];
  if (!loader) {
    const known = Object.keys(deps.plans);
    throw new UsageError(`unknown plan ${name} (known: ${known.length > 0 ? known.join(', ') : 'none yet'})`);
  }
  return loader();
}
