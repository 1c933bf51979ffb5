// How `mcwg worker` (and `mcwg serve --workers N`) executes a queued run: exactly as
// `mcwg run PLAN --sut FILE` or `mcwg run PLAN --reference` would, into DATA/runs/<run id>/,
// with the run's output in console.log there and its progress events sent to the queue.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { RunExecutor } from '../../console/worker/index.ts';
import type { RunOutcome } from '../../console/queue/types.ts';
import type { RunModel } from '../../model/run.ts';
import { PLAN_LOADERS, PLAN_SIMULATORS, PLANS } from '../../suites/plans/index.ts';
import { DEFAULT_POLICY_FILE } from '../../suites/policies/load-policy.ts';
import { parseSutProfile } from '../../suites/profiles/profile.ts';
import { ConfigError } from '../../suites/profiles/yaml-config.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { runCommand } from './run.ts';

export interface ExecutorOptions {
  /** Runs are written under DATA/runs/<run id>/ (a folder every console process can read). */
  dataDir: string;
  /** The label policy file (default: the toolkit's). */
  policy?: string;
  /** Independent tests in parallel within one run. */
  concurrency?: number;
}

export function planExecutor(opts: ExecutorOptions): RunExecutor {
  return async (run, ctx) => {
    const out = resolve(opts.dataDir, 'runs', run.id);
    await mkdir(out, { recursive: true });
    await ctx.checkpoint({ outDir: out });
    if (!(run.plan in PLANS)) return { state: 'error', summary: `error: unknown plan ${run.plan}`, outDir: out };
    // The profile exactly as it was when the run was asked for, kept beside the reports.
    const sutFile = join(out, 'sut.yaml');
    await writeFile(sutFile, run.profileYaml, 'utf8');
    if (!run.reference) {
      try {
        parseSutProfile(run.profileYaml, 'sut.yaml');
      } catch (e) {
        if (e instanceof ConfigError)
          return { state: 'error', summary: `error: invalid SUT profile: ${e.problems.join('; ')}`, outDir: out };
        throw e;
      }
    }
    const log = createWriteStream(join(out, 'console.log'));
    const io: Io = { out: (t) => log.write(t), err: (t) => log.write(t), isTty: false, debug: false };
    try {
      const references = run.reference ? { [run.plan]: (await PLANS[run.plan]!()).reference } : {};
      await runCommand(
        run.plan,
        {
          ...(run.reference ? { reference: true } : { sut: sutFile }),
          out,
          policy: opts.policy ?? DEFAULT_POLICY_FILE,
          concurrency: String(opts.concurrency ?? 4),
        },
        io,
        { plans: PLAN_LOADERS, references, simulators: PLAN_SIMULATORS, signal: ctx.signal, onProgress: ctx.onProgress },
      );
    } catch (e) {
      // A profile the plan cannot use (a placeholder host, a missing peer): the run's error, in the same words `mcwg run` uses.
      if (e instanceof UsageError) return { state: 'error', summary: `error: ${oneLine(e.message)}`, outDir: out };
      throw e;
    } finally {
      log.end();
      await finished(log).catch(() => undefined);
    }
    const runJson = await readFile(join(out, 'run.json'), 'utf8');
    return { ...outcomeOf(JSON.parse(runJson) as RunModel), runJson, outDir: out };
  };
}

/** The run's console state and its one line for lists: e.g. "failed: 3 of 41 tests failed (WADO-006, WADO-008)". */
export function outcomeOf(run: RunModel): Pick<RunOutcome, 'state' | 'summary'> {
  const c = run.counts;
  const total = run.tests.length;
  const ids = (state: 'fail' | 'error') => {
    const all = run.requirements.filter((r) => r.state === state).map((r) => r.id);
    if (all.length === 0) return '';
    return ` (${all.slice(0, 5).join(', ')}${all.length > 5 ? ` +${all.length - 5} more` : ''})`;
  };
  if (run.incomplete) {
    // Tests the stop kept from running are skipped: the counts say how far it got.
    const found = c.fail > 0 ? ` (failed: ${ids('fail').slice(2, -1)})` : '';
    return { state: 'stopped', summary: `stopped: ${c.pass} pass, ${c.fail} fail, ${c.error} error of ${total} tests${found}` };
  }
  if (c.fail > 0) return { state: 'failed', summary: `failed: ${c.fail} of ${total} tests failed${ids('fail')}` };
  if (c.error > 0) return { state: 'error', summary: `error: ${c.error} of ${total} tests ended in error${ids('error')}` };
  if (run.state === 'pass' || run.state === 'omit')
    return { state: 'passed', summary: `passed: ${c.pass} of ${total} tests passed${c.omit > 0 ? `, ${c.omit} not applicable` : ''}` };
  // Skipped or still waiting tests: not a pass, and nothing the SUT did wrong was found either.
  return {
    state: 'failed',
    summary: `not passed (${run.state}): ${c.pass} of ${total} tests passed, ${c.skip} skipped, ${c.wait} waiting`,
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
