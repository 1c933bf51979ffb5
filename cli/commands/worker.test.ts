// `mcwg worker`'s executor (a queued run executed as `mcwg run` would, into DATA/runs/<id>/) and
// its argument checks; the processes sharing PostgreSQL are in worker.int.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { QueuedRun } from '../../console/queue/types.ts';
import type { ExecuteContext } from '../../console/worker/index.ts';
import type { RunModel } from '../../model/run.ts';
import { sampleRun } from '../../reports/sample-run.ts';
import type { ProgressEvent } from '../../suites/engine/progress.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { outcomeOf, planExecutor } from './worker-execute.ts';
import { workerCommand, type WorkerCommandOptions } from './worker.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-worker-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const queued = (over: Partial<QueuedRun>): QueuedRun => ({
  id: `run-${Math.random().toString(36).slice(2)}`,
  sessionId: 's1',
  systemId: 'ris-1',
  plan: 'report-source',
  profileYaml: 'name: my RIS\nroles: [RIS]\n',
  requestedBy: 'vendor',
  state: 'running',
  queuedAt: new Date().toISOString(),
  stopRequested: false,
  ...over,
});

function context(signal = new AbortController().signal) {
  const events: ProgressEvent[] = [];
  const checkpoints: { outDir?: string }[] = [];
  const ctx: ExecuteContext = {
    signal,
    onProgress: (e) => events.push(e),
    checkpoint: async (p) => void checkpoints.push(p),
  };
  return { ctx, events, checkpoints };
}

describe('planExecutor', () => {
  test('a reference run is executed like mcwg run --reference: reports in DATA/runs/<id>/, events, the run model', async () => {
    const run = queued({ reference: true });
    const { ctx, events, checkpoints } = context();
    const outcome = await planExecutor({ dataDir: root })(run, ctx);
    const out = join(root, 'runs', run.id);
    expect(checkpoints[0]).toEqual({ outDir: out });
    expect(outcome).toMatchObject({ state: 'passed', outDir: out });
    expect(outcome.summary).toMatch(/^passed: \d+ of \d+ tests passed/);
    const model = JSON.parse(outcome.runJson!) as RunModel;
    expect(model.plan.id).toBe('report-source');
    for (const f of ['run.json', 'report.html', 'junit.xml', 'sut.yaml', 'console.log']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'console.log'), 'utf8')).toContain('report-source against');
    expect(events[0]).toMatchObject({ type: 'run-start', planId: 'report-source' });
    expect(events.filter((e) => e.type === 'test-end')).toHaveLength(model.tests.length);
    expect(events.at(-1)).toMatchObject({ type: 'run-end' });
  }, 60_000);

  test('an invalid SUT profile ends the run in error naming line and column, without running anything', async () => {
    const { ctx, events } = context();
    const outcome = await planExecutor({ dataDir: root })(queued({ profileYaml: 'name: x\nroles: [Coffee Machine]\n' }), ctx);
    expect(outcome.state).toBe('error');
    expect(outcome.summary).toMatch(/^error: invalid SUT profile: sut\.yaml:2:\d+/);
    expect(events).toEqual([]);
  });

  test('a profile still naming a template placeholder, or an unknown plan, ends in error with the reason', async () => {
    const { ctx } = context();
    const placeholder = await planExecutor({ dataDir: root })(
      queued({ profileYaml: 'name: x\nroles: [RIS]\nendpoints:\n  reportReceiver: ris.example.com:2575\n' }),
      ctx,
    );
    expect(placeholder.state).toBe('error');
    expect(placeholder.summary).toMatch(/placeholder host/);
    expect(await planExecutor({ dataDir: root })(queued({ plan: 'no-such-plan' }), ctx)).toMatchObject({
      state: 'error',
      summary: 'error: unknown plan no-such-plan',
    });
  });

  test('a run stopped before it begins is incomplete and ends stopped', async () => {
    const stop = new AbortController();
    stop.abort(new Error('stopped from the console'));
    const { ctx } = context(stop.signal);
    const outcome = await planExecutor({ dataDir: root })(queued({ reference: true }), ctx);
    expect(outcome.state).toBe('stopped');
    expect(outcome.summary).toMatch(/^stopped: 0 pass, 0 fail, 0 error of \d+ tests/);
    expect((JSON.parse(outcome.runJson!) as RunModel).incomplete).toBe(true);
  }, 60_000);
});

describe('outcomeOf', () => {
  const base = sampleRun();
  test('a stopped run says how far it got and what failed', () => {
    expect(outcomeOf(base)).toEqual({
      state: 'stopped',
      summary: 'stopped: 1 pass, 1 fail, 1 error of 6 tests (failed: KOS-014, KOS-022)',
    });
  });
  test('failed, error and passed runs, failing requirement IDs listed (at most five)', () => {
    const done = { ...base, incomplete: false };
    expect(outcomeOf(done)).toEqual({ state: 'failed', summary: 'failed: 1 of 6 tests failed (KOS-014, KOS-022)' });
    const many = {
      ...done,
      requirements: Array.from({ length: 7 }, (_, i) => ({ ...base.requirements[0]!, id: `R-${i}`, state: 'fail' as const })),
    };
    expect(outcomeOf(many).summary).toBe('failed: 1 of 6 tests failed (R-0, R-1, R-2, R-3, R-4 +2 more)');
    const errored = {
      ...done,
      counts: { ...done.counts, fail: 0 },
      requirements: base.requirements.map((r) => ({ ...r, state: 'error' as const })),
    };
    expect(outcomeOf(errored).state).toBe('error');
    expect(outcomeOf(errored).summary).toMatch(/^error: 1 of 6 tests ended in error \(/);
    const passed = { ...done, state: 'pass' as const, counts: { pass: 5, fail: 0, error: 0, skip: 0, omit: 1, wait: 0 } };
    expect(outcomeOf(passed)).toEqual({ state: 'passed', summary: 'passed: 5 of 6 tests passed, 1 not applicable' });
  });
});

describe('mcwg worker arguments', () => {
  const io: Io = { out: () => undefined, err: () => undefined, isTty: false, debug: false };
  const opts = (over: Partial<WorkerCommandOptions>): WorkerCommandOptions => ({
    data: root,
    concurrency: '1',
    testConcurrency: '4',
    pollMs: '1000',
    heartbeatMs: '5000',
    staleMs: '30000',
    ...over,
  });
  test.each([
    [{ concurrency: '0' }, /--concurrency 0: expected a whole number from 1/],
    [{ testConcurrency: 'x' }, /--test-concurrency x/],
    [{ staleMs: '4000' }, /--stale-ms 4000 must be longer than --heartbeat-ms 5000/],
    [{ store: 'mysql://db' }, /--store mysql:\/\/db: use sqlite:FILE or postgres/],
    [{ store: 'postgres://u:secret@127.0.0.1:1/db' }, /--store postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db: /],
  ] as const)('%o is a usage error', async (over, message) => {
    const err = await workerCommand(opts(over), io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('secret');
  });

  test('drains a SQLite queue and exits when idle, writing under DATA/runs/', async () => {
    const data = join(root, 'drain');
    const { openConsoleDb } = await import('../../console/store/db.ts');
    const { sqlRunQueue } = await import('../../console/queue/sql-queue.ts');
    const db = await openConsoleDb(`sqlite:${join(data, 'console.sqlite')}`);
    const queue = sqlRunQueue(db);
    const id = (await queue.enqueue({ sessionId: 's', systemId: 'x', plan: 'no-such-plan', profileYaml: '', requestedBy: 'me' })).id;
    let stdout = '';
    const code = await workerCommand(opts({ data, exitWhenIdle: true, id: 'w-test' }), { ...io, out: (t) => void (stdout += t) });
    expect(code).toBe(0);
    expect(await queue.get(id)).toMatchObject({ state: 'error', workerId: 'w-test', outDir: join(data, 'runs', id) });
    expect(stdout).toContain('w-test: 1 run(s) finished');
    await db.close();
  });
});
