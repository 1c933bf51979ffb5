// Runs one test: its steps in order, under the test's timeout and the run's stop signal.
// A step that throws is 'error' (our breakage); a missing SUT exchange or a timeout is
// 'fail'; after a step that did not pass, the rest are skipped with the reason. A step that
// did not pass and whose call to the SUT got no answer at all (refused, unresolvable,
// timeout: the client marks the exchange `unreachable`) is 'error', never 'fail': this is
// the one place transport failures are told apart from nonconformance.
import type { Simulator } from '../../model/exchange.ts';
import { sortFindings, type Finding } from '../../model/finding.ts';
import type { NotChecked, StepResult, TestState } from '../../model/run.ts';
import { classifyUnreachable, describeUnreachable, type Unreachable } from '../../model/transport.ts';
import { stepStateFromFindings } from '../../model/verdict.ts';
import type { SutProfile } from '../profiles/profile.ts';
import type { StepContext, StepOutcome, StepVerdict, TestDef } from './dsl.ts';
import { stepRecorder, type EvidenceRecorder, type EvidenceSink } from './evidence.ts';
import type { ProgressListener } from './progress.ts';
import { WaitTimeout, waitForExchange } from './wait-for.ts';
import { withAuditNote } from '../../simulators/audit/action-note.ts';

export interface TestEnv {
  sut: SutProfile;
  simulators: Readonly<Record<string, Simulator>>;
  sink: EvidenceSink;
  claimed: Set<string>;
  runSignal: AbortSignal;
  interactive: boolean;
  pollMs: number;
  emit: ProgressListener;
}

class TestTimedOut extends Error {
  override name = 'TestTimedOut';
}

interface Settled {
  state: TestState;
  message?: string;
  findings: Finding[];
  fromFindings: boolean;
  evidence?: string[];
  notChecked?: NotChecked;
}

export async function runTestSteps(test: TestDef, timeoutMs: number, env: TestEnv): Promise<StepResult[]> {
  const control = new AbortController();
  const onRunAbort = () => control.abort(env.runSignal.reason);
  env.runSignal.addEventListener('abort', onRunAbort, { once: true });
  if (env.runSignal.aborted) onRunAbort();
  const timer = setTimeout(() => control.abort(new TestTimedOut(`test timed out after ${timeoutMs} ms`)), timeoutMs);
  const shared = new Map<string, unknown>();
  const results: StepResult[] = [];
  let stopReason: string | undefined;
  try {
    for (const step of test.steps) {
      const reqIds = [...new Set([...step.verifies, ...test.verifies])];
      if (stopReason !== undefined) {
        results.push(
          await record(
            env,
            test.id,
            { id: step.id, title: step.title, reqIds, state: 'skip', durationMs: 0, message: stopReason, findings: [], evidence: [] },
            false,
          ),
        );
        continue;
      }
      env.emit({ type: 'step-start', testId: test.id, stepId: step.id, title: step.title });
      const evidence: string[] = [];
      const cite = (id: string) => {
        if (!evidence.includes(id)) evidence.push(id);
      };
      let waiting = false;
      let open = true;
      const unreachable: Unreachable[] = [];
      const ctx: StepContext = {
        sut: env.sut,
        simulators: env.simulators,
        evidence: watchUnreachable(
          stepRecorder(env.sink, cite, () => open),
          unreachable,
        ),
        signal: control.signal,
        testId: test.id,
        stepId: step.id,
        shared,
        fromFindings: (findings, ev = []) => {
          ev.forEach(cite);
          return { state: stepStateFromFindings(findings), findings: [...findings], fromFindings: true };
        },
        waitFor: async (opts) => {
          waiting = true;
          try {
            env.emit({
              type: 'instructions',
              testId: test.id,
              stepId: step.id,
              transaction: opts.transaction,
              // An audited transaction's ACTION names where the SUT sends its audit (SEC-003).
              text: withAuditNote(opts.instructions, opts.transaction, env.simulators),
              timeoutMs: opts.timeoutMs,
            });
            const ex = await waitForExchange(opts, {
              simulators: env.simulators,
              claimed: env.claimed,
              signal: control.signal,
              pollMs: env.pollMs,
            });
            await ctx.evidence.exchange(ex);
            return ex;
          } finally {
            waiting = false;
          }
        },
      };
      const started = performance.now();
      const settled = asTransportError(await settle(step.run.bind(step), ctx, control.signal, () => waiting, env.interactive), unreachable);
      open = false;
      settled.evidence?.forEach(cite);
      const result: StepResult = {
        id: step.id,
        title: step.title,
        reqIds,
        state: settled.state,
        durationMs: Math.round(performance.now() - started),
        ...(settled.message === undefined ? {} : { message: settled.message }),
        findings: sortFindings(settled.findings),
        evidence,
        ...(settled.notChecked && settled.notChecked.reqIds.length > 0
          ? { notChecked: { reqIds: [...new Set(settled.notChecked.reqIds)], reason: settled.notChecked.reason } }
          : {}),
      };
      results.push(await record(env, test.id, result, settled.fromFindings));
      env.emit({
        type: 'step-end',
        testId: test.id,
        stepId: step.id,
        state: result.state,
        ...(result.message === undefined ? {} : { message: result.message }),
      });
      if (result.state === 'pass' || result.state === 'omit') continue;
      stopReason = control.signal.aborted ? stoppedMessage(control.signal) : `not run: step ${step.id} ended ${result.state}`;
    }
  } finally {
    clearTimeout(timer);
    env.runSignal.removeEventListener('abort', onRunAbort);
  }
  return results;
}

async function settle(
  run: (ctx: StepContext) => Promise<StepOutcome> | StepOutcome,
  ctx: StepContext,
  signal: AbortSignal,
  isWaiting: () => boolean,
  interactive: boolean,
): Promise<Settled> {
  let waitingWhenStopped = false;
  const stopped = new Promise<never>((_, reject) => {
    const onAbort = () => {
      waitingWhenStopped = isWaiting();
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => undefined);
  try {
    const work = Promise.resolve().then(() => run(ctx));
    work.catch(() => undefined); // after a timeout the step may still reject; nobody listens
    return normalise(await Promise.race([work, stopped]));
  } catch (err) {
    if (err instanceof WaitTimeout) return { state: 'fail', message: err.message, findings: [], fromFindings: false };
    if (signal.aborted) {
      const reason = signal.reason as unknown;
      if (reason instanceof TestTimedOut) return { state: 'fail', message: reason.message, findings: [], fromFindings: false };
      // Stopped by the tester: a step waiting for the SUT stays 'wait' in interactive runs.
      if (interactive && waitingWhenStopped)
        return { state: 'wait', message: 'stopped while waiting for the SUT', findings: [], fromFindings: false };
      return { state: 'skip', message: stoppedMessage(signal), findings: [], fromFindings: false };
    }
    const unreachable = classifyUnreachable(err, 'the SUT');
    if (unreachable) return { state: 'error', message: describeUnreachable(unreachable), findings: [], fromFindings: false };
    const e = err instanceof Error ? err : new Error(String(err));
    return { state: 'error', message: `step threw: ${e.name}: ${e.message}`, findings: [], fromFindings: false };
  }
}

function normalise(outcome: StepOutcome): Settled {
  if (typeof outcome === 'string') return { state: outcome, findings: [], fromFindings: false };
  const v: StepVerdict = outcome;
  return {
    state: v.state,
    ...(v.message === undefined ? {} : { message: v.message }),
    findings: v.findings ?? [],
    fromFindings: v.fromFindings === true,
    ...(v.evidence === undefined ? {} : { evidence: v.evidence }),
    ...(v.notChecked === undefined ? {} : { notChecked: v.notChecked }),
  };
}

/** Notes every recorded exchange of ours that got no answer from the SUT. */
function watchUnreachable(recorder: EvidenceRecorder, into: Unreachable[]): EvidenceRecorder {
  return {
    ...recorder,
    exchange: (ex, bodies) => {
      if (ex.unreachable) into.push(ex.unreachable);
      return recorder.exchange(ex, bodies);
    },
  };
}

/** A step that did not pass after our side could not reach the SUT: our side cannot judge. */
function asTransportError(settled: Settled, unreachable: readonly Unreachable[]): Settled {
  if (unreachable.length === 0 || (settled.state !== 'fail' && settled.state !== 'error')) return settled;
  const endpoints = [...new Set(unreachable.map(describeUnreachable))];
  const message = endpoints.length > 1 ? `${endpoints[0]} (and ${endpoints.length - 1} more)` : endpoints[0]!;
  return { ...settled, state: 'error', message, fromFindings: false };
}

function stoppedMessage(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof TestTimedOut ? `not run: ${reason.message}` : 'not run: the run was stopped';
}

async function record(env: TestEnv, testId: string, step: StepResult, fromFindings: boolean): Promise<StepResult> {
  for (const f of step.findings) for (const id of f.evidence ?? []) if (!step.evidence.includes(id)) step.evidence.push(id);
  await env.sink.addStep({ testId, stepId: step.id, state: step.state, fromFindings, findings: step.findings });
  return step;
}
