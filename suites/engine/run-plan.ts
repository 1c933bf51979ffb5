// Runs a plan against a SUT: independent tests in parallel up to a limit, dependent tests
// after their dependencies (skipped when one did not pass), tests that do not apply to the
// SUT omitted. On abort no new test starts, unfinished ones are marked and the run model
// comes back with incomplete: true.
import type { Simulator } from '../../model/exchange.ts';
import type { TestResult, TestState } from '../../model/run.ts';
import { testState } from '../../model/verdict.ts';
import { loadCatalogue, type Catalogue } from '../../validators/catalogue/catalogue.ts';
import type { SutProfile } from '../profiles/profile.ts';
import type { GroupDef, PlanDef, TestDef } from './dsl.ts';
import { NULL_SINK, type EvidenceSink } from './evidence.ts';
import { checkPlan } from './load-plan.ts';
import { failureOf, safeListener, type ProgressListener, type TestFailure } from './progress.ts';
import { buildRunModel } from './run-model.ts';
import { runTestSteps, type TestEnv } from './run-test.ts';
import type { RunModel } from '../../model/run.ts';

export interface RunOptions {
  sut: SutProfile;
  tool: { name: string; version: string };
  simulators?: Record<string, Simulator>;
  evidence?: EvidenceSink;
  concurrency?: number;
  signal?: AbortSignal;
  /** A tester is watching: a wait interrupted by a stop stays 'wait', not 'skip'. */
  interactive?: boolean;
  onProgress?: ProgressListener;
  /** Per-test timeout when neither the test nor the plan sets one. */
  testTimeoutMs?: number;
  /** How often waitFor looks at the simulators' exchanges. */
  pollMs?: number;
  catalogue?: Catalogue;
}

const DEFAULT_TIMEOUT_MS = 300_000;

export async function runPlan(plan: PlanDef, opts: RunOptions): Promise<RunModel> {
  const catalogue = opts.catalogue ?? loadCatalogue();
  checkPlan(plan, catalogue);
  const emit = safeListener(opts.onProgress);
  const signal = opts.signal ?? new AbortController().signal;
  const env: TestEnv = {
    sut: opts.sut,
    simulators: opts.simulators ?? {},
    sink: opts.evidence ?? NULL_SINK,
    claimed: new Set(),
    runSignal: signal,
    interactive: opts.interactive ?? false,
    pollMs: opts.pollMs ?? 100,
    emit,
  };
  const ordered = plan.groups.flatMap((group) => group.tests.map((test) => ({ group, test })));
  const results = new Map<string, TestResult>();
  const startedAt = new Date();
  emit({ type: 'run-start', planId: plan.id, total: ordered.length });

  const finish = async (group: GroupDef, test: TestDef, steps: TestResult['steps'], message?: string) => {
    const result = testResult(group, test, steps, message);
    results.set(test.id, result);
    emit({
      type: 'test-end',
      testId: test.id,
      state: result.state,
      ...(result.message === undefined ? {} : { message: result.message }),
      ...failureField(result),
      done: results.size,
      total: ordered.length,
    });
  };
  const notRun = async (group: GroupDef, test: TestDef, state: TestState, message: string) => {
    const steps = [];
    for (const s of test.steps) {
      const step = {
        id: s.id,
        title: s.title,
        reqIds: [...new Set([...s.verifies, ...test.verifies])],
        state,
        durationMs: 0,
        message,
        findings: [],
        evidence: [],
      };
      await env.sink.addStep({ testId: test.id, stepId: s.id, state, fromFindings: false, findings: [] });
      steps.push(step);
    }
    await finish(group, test, steps, message);
  };

  const running = new Map<string, Promise<void>>();
  const waiting = [...ordered];
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  for (;;) {
    if (!signal.aborted) {
      for (let i = 0; i < waiting.length && running.size < concurrency; ) {
        const { group, test } = waiting[i]!;
        const verdict = readiness(test, results, opts.sut);
        if (verdict === 'blocked') {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        if (verdict !== 'ready') {
          await notRun(group, test, verdict.state, verdict.message);
          continue;
        }
        emit({ type: 'test-start', testId: test.id, title: test.title });
        const timeoutMs = test.timeoutMs ?? plan.timeoutMs ?? opts.testTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        const job = runTestSteps(test, timeoutMs, env)
          .then((steps) => finish(group, test, steps))
          .catch((err: unknown) => notRun(group, test, 'error', `engine: ${err instanceof Error ? err.message : String(err)}`))
          .finally(() => running.delete(test.id));
        running.set(test.id, job);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  for (const { group, test } of waiting)
    await notRun(group, test, 'skip', signal.aborted ? 'not run: the run was stopped' : 'not run: dependencies never finished');
  // Every exchange goes into the evidence, also those no step waited for (rejected ones too).
  for (const sim of Object.values(env.simulators)) for (const ex of sim.exchanges()) await env.sink.addExchange(ex);

  const run = buildRunModel({
    plan,
    sut: opts.sut,
    tool: opts.tool,
    catalogue,
    startedAt,
    endedAt: new Date(),
    tests: ordered.map(({ test }) => results.get(test.id)!),
    incomplete: signal.aborted,
  });
  emit({ type: 'run-end', state: run.state, incomplete: run.incomplete });
  return run;
}

type Readiness = 'ready' | 'blocked' | { state: TestState; message: string };

function readiness(test: TestDef, results: ReadonlyMap<string, TestResult>, sut: SutProfile): Readiness {
  const roles = test.when?.roles;
  if (roles && !roles.some((r) => (sut.roles as string[]).includes(r)))
    return { state: 'omit', message: `not applicable: the SUT declares none of the roles ${roles.join(', ')}` };
  const missing = (test.when?.options ?? []).filter((o) => !(sut.options as string[]).includes(o));
  if (missing.length > 0) return { state: 'omit', message: `not applicable: the SUT does not declare option ${missing.join(', ')}` };
  for (const d of test.dependsOn ?? []) {
    const r = results.get(d);
    if (!r) return 'blocked';
    if (r.state !== 'pass') return { state: 'skip', message: `not run: dependency ${d} ended ${r.state}` };
  }
  return 'ready';
}

function failureField(result: TestResult): { failure?: TestFailure } {
  const failure = failureOf(result);
  return failure ? { failure } : {};
}

function testResult(group: GroupDef, test: TestDef, steps: TestResult['steps'], message?: string): TestResult {
  const state = testState(steps);
  const first = steps.find((s) => s.state === state && s.message !== undefined)?.message;
  const msg = message ?? (state === 'pass' ? undefined : first);
  const evidence = [...new Set(steps.flatMap((s) => s.evidence))];
  const actor = test.actor ?? group.actor;
  return {
    id: test.id,
    title: test.title,
    group: group.id,
    ...(actor === undefined ? {} : { actor }),
    reqIds: [...new Set([...test.verifies, ...steps.flatMap((s) => s.reqIds)])],
    state,
    durationMs: steps.reduce((n, s) => n + s.durationMs, 0),
    ...(msg === undefined ? {} : { message: msg }),
    steps,
    findings: steps.flatMap((s) => s.findings),
    evidence,
  };
}
