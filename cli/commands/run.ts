// `mcwg run PLAN --sut SUT.yaml` and `mcwg run [PLAN] --reference`: runs a test plan, writes
// run.json, the other reports and the evidence bundle under --out, and sets the exit code.
// `--reference` without a plan runs every plan against its reference SUT, one after the other,
// each into --out/<plan>/, and exits with the worst code of them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option } from 'commander';
import type { Simulator } from '../../model/exchange.ts';
import { loadReferences, PLAN_LOADERS, PLAN_SIMULATORS } from '../../suites/plans/index.ts';
import { DEFAULT_POLICY_FILE, loadPolicy } from '../../suites/policies/load-policy.ts';
import { loadSutProfile } from '../../suites/profiles/profile.ts';
import { ConfigError } from '../../suites/profiles/yaml-config.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';
import { executePlan, exitCode, loadPlan, placeholderEndpoints, prepareOut, type OneRun, type RunDeps } from './run-execute.ts';
import { runAllReferences, runReference } from './run-reference.ts';

export { exitCode, type RunDeps } from './run-execute.ts';

export interface RunCommandOptions {
  sut?: string;
  out: string;
  policy?: string;
  concurrency: string;
  reference?: boolean;
  /** Same as the PLAN argument (reads better with --reference). */
  plan?: string;
}

export const registerRun: Register = (program, io, setExit) => {
  program
    .command('run')
    .description('run a test plan against a system under test and write the reports and evidence')
    .argument('[PLAN]', `the plan to run (${Object.keys(PLAN_LOADERS).join(', ') || 'none registered yet'})`)
    .option('--sut <FILE>', 'SUT profile YAML (templates: suites/profiles/templates/)')
    .option('--reference', 'run against the built-in reference SUT (quick start); without a PLAN, every plan')
    .option('--plan <NAME>', 'the plan to run (same as PLAN)')
    .option('--out <DIR>', 'folder for run.json, junit.xml, report.html, summary.csv and evidence/', 'mcwg-reports')
    .option('--policy <FILE>', 'label policy YAML', DEFAULT_POLICY_FILE)
    .addOption(new Option('--concurrency <N>', 'independent tests run in parallel, at most N at a time').default('4'))
    .addHelpText(
      'after',
      `
Exit codes: 0 every test passed; 1 a test failed, was skipped or the run was stopped;
2 bad arguments or an invalid SUT profile or policy (also a template's placeholder host left
in the profile); 3 a test ended in error: our breakage, or the SUT could not be reached
(refused, unresolvable, no answer before the timeout: the message names the endpoint).
With --reference and no PLAN the exit code is the worst of all plans.
Ctrl-C stops the run: unfinished tests are marked and a partial report (incomplete) is written.
A plan starts the simulators its SUT talks to and prints their URLs (imaging-document-source:
our XDS registry/repository, point the SUT's RAD-68 at {url}/xds/repository; report-source: our
RIS receiver, mllp://; imaging-document-consumer: our seeded registry and WADO-RS source).

Examples:
  mcwg run --reference --out out/          every plan, reports in out/<plan>/, out/index.html links them
  mcwg run --reference --plan wado-rs-source
  mcwg run imaging-document-source --sut my-pacs.yaml --out out/ --policy programme.yaml`,
    )
    .action(async (plan: string | undefined, opts: RunCommandOptions) => {
      const stop = new AbortController();
      const onSigint = () => stop.abort(new Error('stopped by Ctrl-C'));
      process.once('SIGINT', onSigint);
      try {
        setExit(
          await runCommand(plan, opts, io, {
            plans: PLAN_LOADERS,
            references: opts.reference ? await loadReferences() : {},
            simulators: PLAN_SIMULATORS,
            signal: stop.signal,
          }),
        );
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    });
};

export async function runCommand(planArg: string | undefined, opts: RunCommandOptions, io: Io, deps: RunDeps): Promise<number> {
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency ${opts.concurrency}: expected a whole number from 1`);
  if (planArg && opts.plan && planArg !== opts.plan) throw new UsageError(`PLAN ${planArg} and --plan ${opts.plan} differ: give one`);
  const planName = planArg ?? opts.plan;
  if (opts.reference && opts.sut) throw new UsageError('--reference runs the built-in reference SUT: give no --sut');
  const policy = config(() => loadPolicy(opts.policy));
  const out = resolve(opts.out);
  const ctx: OneRun = { io, deps, policy, concurrency };

  if (opts.reference) {
    if (deps.reference) return runReference(deps.reference, out, ctx);
    const refs = deps.references ?? {};
    if (planName) {
      const ref = refs[planName];
      if (!ref) {
        await loadPlan(planName, deps); // an unknown plan says so first
        throw new UsageError(`plan ${planName} has no reference SUT yet (with one: ${Object.keys(refs).join(', ') || 'none'})`);
      }
      return runReference(ref, out, ctx);
    }
    const all = Object.values(refs);
    if (all.length === 0) throw new UsageError('the reference SUT is not part of this build yet; run a plan with --sut');
    return runAllReferences(all, out, ctx);
  }

  if (!planName) throw new UsageError('name a PLAN (or use --reference)');
  if (!opts.sut) throw new UsageError('--sut FILE is required with a PLAN');
  const file = opts.sut;
  const plan = await loadPlan(planName, deps);
  const sut = config(() => loadSutProfile(file));
  const placeholders = placeholderEndpoints(sut);
  if (placeholders.length > 0) {
    throw new UsageError(
      `${file}: the profile still names a template's placeholder host (edit it to the SUT's real address): ${placeholders.join('; ')}`,
    );
  }
  await prepareOut(out);
  let simulators: Record<string, Simulator> = {};
  let stopSut = async () => undefined as void;
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
  const run = await executePlan(plan, { sut, simulators, stopSut }, out, ctx);
  return exitCode(run);
}

function config<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.problems.join('\n'));
    throw err;
  }
}
