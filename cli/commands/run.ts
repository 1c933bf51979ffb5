// `mcwg run PLAN --sut SUT.yaml` and `mcwg run --reference`: runs a test plan, writes
// run.json, the other reports and the evidence bundle under --out, and sets the exit code.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import type { Simulator } from '../../model/exchange.ts';
import type { RunModel } from '../../model/run.ts';
import { EvidenceWriter } from '../../reports/evidence/writer.ts';
import { writeReports } from '../../reports/index.ts';
import type { PlanDef } from '../../suites/engine/dsl.ts';
import { finalizeRun } from '../../suites/engine/finalize-run.ts';
import { runPlan } from '../../suites/engine/run-plan.ts';
import { PLAN_SIMULATORS, PLANS, REFERENCE, type PlanLoader, type ReferenceSut, type SimulatorStarter } from '../../suites/plans/index.ts';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../suites/policies/load-policy.ts';
import { loadSutProfile, type SutProfile } from '../../suites/profiles/profile.ts';
import { ConfigError } from '../../suites/profiles/yaml-config.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';
import { TOOL_NAME, toolVersion } from '../version.ts';
import { progressView } from './run-progress.ts';

export interface RunCommandOptions {
  sut?: string;
  out: string;
  policy?: string;
  concurrency: string;
  reference?: boolean;
}

export interface RunDeps {
  plans: Readonly<Record<string, PlanLoader>>;
  reference: ReferenceSut | undefined;
  /** Simulators a plan needs against a real SUT (the reference SUT brings its own). */
  simulators?: Readonly<Record<string, SimulatorStarter>>;
  /** Stopped by Ctrl-C; tests pass their own. */
  signal?: AbortSignal;
}

export const registerRun: Register = (program, io, setExit) => {
  program
    .command('run')
    .description('run a test plan against a system under test and write the reports and evidence')
    .argument('[PLAN]', `the plan to run (${Object.keys(PLANS).join(', ') || 'none registered yet'})`)
    .option('--sut <FILE>', 'SUT profile YAML (templates: suites/profiles/templates/)')
    .option('--reference', 'run the full plan against the built-in reference SUT (quick start)')
    .option('--out <DIR>', 'folder for run.json, junit.xml, report.html, summary.csv and evidence/', 'mcwg-reports')
    .option('--policy <FILE>', 'label policy YAML', DEFAULT_POLICY_FILE)
    .addOption(new Option('--concurrency <N>', 'independent tests run in parallel, at most N at a time').default('4'))
    .addHelpText(
      'after',
      `
Exit codes: 0 every test passed; 1 a test failed, was skipped or the run was stopped;
2 bad arguments or an invalid SUT profile or policy; 3 a test ended in error (our breakage).
Ctrl-C stops the run: unfinished tests are marked and a partial report (incomplete) is written.

Examples:
  mcwg run --reference
  mcwg run xdsi-source --sut my-pacs.yaml --out out/ --policy programme.yaml`,
    )
    .action(async (plan: string | undefined, opts: RunCommandOptions) => {
      const stop = new AbortController();
      const onSigint = () => stop.abort(new Error('stopped by Ctrl-C'));
      process.once('SIGINT', onSigint);
      try {
        setExit(await runCommand(plan, opts, io, { plans: PLANS, reference: REFERENCE, simulators: PLAN_SIMULATORS, signal: stop.signal }));
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    });
};

export async function runCommand(planName: string | undefined, opts: RunCommandOptions, io: Io, deps: RunDeps): Promise<number> {
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency ${opts.concurrency}: expected a whole number from 1`);
  if (opts.reference && (planName || opts.sut)) throw new UsageError('--reference runs the built-in plan and SUT: give no PLAN and no --sut');
  const policy = config(() => loadPolicy(opts.policy));
  const out = resolve(opts.out);
  await rm(join(out, 'evidence'), { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  let sut: SutProfile;
  let plan: PlanDef;
  let simulators: Record<string, Simulator> = {};
  let stopSut = async () => undefined as void;
  if (opts.reference) {
    const ref = deps.reference;
    if (!ref) throw new UsageError('the reference SUT is not part of this build yet; run a plan with --sut');
    plan = await loadPlan(ref.planId, deps);
    // The SUT's study and our registry's SQLite file are scratch data: a temp folder, removed after.
    const dataDir = await mkdtemp(join(tmpdir(), 'mcwg-reference-'));
    io.err(`reference SUT: building its study and starting its WADO-RS source and our XDS registry/repository (data: ${dataDir})\n`);
    const running = await ref.start({ dataDir }).catch(async (err: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw err;
    });
    ({ sut, simulators } = running);
    for (const [name, url] of Object.entries({ ...sut.endpoints, ...Object.fromEntries(Object.entries(simulators).map(([k, v]) => [`our ${k}`, v.url])) })) io.err(`  ${name}: ${url}\n`);
    stopSut = async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    if (!planName) throw new UsageError('name a PLAN (or use --reference)');
    if (!opts.sut) throw new UsageError('--sut FILE is required with a PLAN');
    const file = opts.sut;
    plan = await loadPlan(planName, deps);
    sut = config(() => loadSutProfile(file));
    const starter = deps.simulators?.[planName];
    if (starter) {
      const dataDir = await mkdtemp(join(tmpdir(), 'mcwg-simulators-'));
      simulators = await starter({ dataDir, sut });
      for (const [name, sim] of Object.entries(simulators)) io.err(`our ${name} simulator: ${sim.url}\n`);
      const started = simulators;
      stopSut = async () => {
        for (const sim of Object.values(started)) await sim.stop();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
  }

  const evidence = new EvidenceWriter(join(out, 'evidence'));
  const view = progressView(io);
  let run: RunModel;
  try {
    run = await runPlan(plan, {
      sut,
      simulators,
      tool: { name: TOOL_NAME, version: toolVersion() },
      evidence,
      concurrency,
      interactive: io.isTty,
      onProgress: view.listener,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    view.stop();
    await stopSut();
  }
  const done = await finalizeRun(run, { sut, policy, evidence });
  await writeFile(join(out, 'run.json'), done.runJson);
  const written = await writeReports(done.run, out, { formats: ['junit', 'html', 'csv'] });
  for (const e of written.errors) io.err(`mcwg: report not written: ${e}\n`);
  summarise(io, done.run, out);
  return exitCode(done.run);
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

async function loadPlan(name: string, deps: RunDeps): Promise<PlanDef> {
  const loader = deps.plans[name];
  if (!loader) {
    const known = Object.keys(deps.plans);
    throw new UsageError(`unknown plan ${name} (known: ${known.length > 0 ? known.join(', ') : 'none yet'})`);
  }
  return loader();
}

function config<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.problems.join('\n'));
    throw err;
  }
}

