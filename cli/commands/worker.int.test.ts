// `mcwg worker` processes sharing one real PostgreSQL 15: a queue of reference runs drained by
// two workers with no run lost or doubled; a worker SIGKILLed mid-run leaves its run to the
// other's reaper (interrupted, its folder kept); SIGTERM stops the run in progress gracefully.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sqlRunQueue } from '../../console/queue/sql-queue.ts';
import type { RunQueue } from '../../console/queue/types.ts';
import { openConsoleDb } from '../../console/store/db.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { packagePath } from '../../model/package-root.ts';
import type { RunModel } from '../../model/run.ts';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { PG_INITDB, startTempCluster, type TempCluster } from '../../simulators/store/pg-cluster.ts';

const MAIN = packagePath('cli/main.ts');
const root = mkdtempSync(join(tmpdir(), 'mcwg-workers-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Worker {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

// The stale period is short so the reaper test is quick, yet well above the few seconds a
// loaded machine can stall a worker's event loop (loading a plan's modules the first time):
// at 1.5 s a live worker's run was reaped here. Tests that reap nothing use a longer one.
function startWorker(store: string, id: string, extra: string[] = [], staleMs = 8000): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      MAIN,
      'worker',
      '--store',
      store,
      '--data',
      root,
      '--id',
      id,
      '--poll-ms',
      '100',
      '--heartbeat-ms',
      '200',
      '--stale-ms',
      String(staleMs),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, exited };
}

/** The run ids a worker's log says it started. */
const started = (w: Worker) => [...w.stdout().matchAll(/run ([0-9a-f-]{36}): \S+ for system .* started/g)].map((m) => m[1]!);

async function until(what: () => Promise<boolean>, ms: number, why: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out: ${why}`);
    await sleep(100);
  }
}

describe.skipIf(!peerAvailable(PG_INITDB))('mcwg worker processes on one PostgreSQL', () => {
  let cluster: TempCluster | undefined;
  let n = 0;
  const workers: Worker[] = [];
  const dbs: SqlDriver[] = [];
  beforeAll(() => {
    cluster = startTempCluster();
  }, 60_000);
  afterEach(async () => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    for (const db of dbs.splice(0)) await db.close();
  });
  afterAll(() => {
    cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function freshQueue(): Promise<{ queue: RunQueue; store: string; db: SqlDriver }> {
    const name = `workers_${++n}`;
    const admin = new pg.Client({ connectionString: cluster!.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const store = cluster!.url.replace(/\/postgres$/, `/${name}`);
    const db = await openConsoleDb(store);
    dbs.push(db);
    return { queue: sqlRunQueue(db), store, db };
  }
  const reference = (plan: string, i: number) => ({
    sessionId: 'event',
    systemId: `system-${i}`,
    plan,
    profileYaml: `name: system ${i}\nroles: [RIS]\n`,
    requestedBy: 'monitor',
    reference: true,
  });

  test('two workers drain a queue of reference runs: every run done once, none lost', async () => {
    const { queue, store, db } = await freshQueue();
    // Both workers up before any run is queued (a process starts slowly on a loaded machine), so both take some.
    const a = startWorker(store, 'wa', [], 30_000);
    const b = startWorker(store, 'wb', [], 30_000);
    workers.push(a, b);
    await until(async () => (await db.all('SELECT id FROM workers', [])).length === 2, 90_000, 'both workers beating');
    const plans = [
      'wado-rs-source',
      'report-source',
      'wado-rs-source',
      'report-source',
      'report-source',
      'report-source',
      'report-source',
      'report-source',
    ];
    const ids = [];
    for (const [i, plan] of plans.entries()) ids.push((await queue.enqueue(reference(plan, i))).id);
    await until(async () => (await queue.list({ states: ['queued', 'running'] })).length === 0, 150_000, 'the queue drained');
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const runs = await queue.list({});
    expect(runs.map((r) => [r.plan, r.state])).toEqual(plans.map((p) => [p, 'passed']));
    const [byA, byB] = [started(a), started(b)];
    // Each run started exactly once, by the worker the database names; both workers took some.
    expect([...byA, ...byB].sort()).toEqual([...ids].sort());
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    for (const r of runs) expect(r.workerId).toBe(byA.includes(r.id) ? 'wa' : 'wb');
    for (const id of ids) {
      const events = await queue.events(id, 0);
      expect(events.filter((e) => e.event.type === 'run-start')).toHaveLength(1);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
  }, 300_000);

  test('a worker SIGKILLed mid-run: its run becomes interrupted (folder kept), the other worker does the rest', async () => {
    const { queue, store } = await freshQueue();
    const victim = (await queue.enqueue(reference('wado-rs-source', 0))).id;
    const rest = [];
    for (let i = 1; i <= 3; i++) rest.push((await queue.enqueue(reference('report-source', i))).id);
    const a = startWorker(store, 'doomed');
    workers.push(a);
    await until(async () => (await queue.events(victim, 0)).some((e) => e.event.type === 'test-end'), 60_000, 'the first run under way');
    a.child.kill('SIGKILL');
    await a.exited;
    expect((await queue.get(victim))!.state).toBe('running');
    const b = startWorker(store, 'survivor');
    workers.push(b);
    await until(
      async () => (await queue.list({ states: ['queued', 'running'] })).length === 0,
      120_000,
      'the queue drained and the dead run reaped',
    );
    const dead = await queue.get(victim);
    expect(dead).toMatchObject({ state: 'interrupted', workerId: 'doomed', outDir: join(root, 'runs', victim) });
    expect(dead!.summary).toMatch(/interrupted: worker doomed stopped beating/);
    for (const id of rest) expect(await queue.get(id)).toMatchObject({ state: 'passed', workerId: 'survivor' });
    expect(b.stdout()).toContain(`run ${victim} interrupted`);
    expect(started(b).sort()).toEqual([...rest].sort());
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 180_000);

  test('SIGTERM: the run in progress ends stopped with its partial run model, and the worker exits 0', async () => {
    const { queue, store } = await freshQueue();
    const id = (await queue.enqueue(reference('wado-rs-source', 0))).id;
    const next = (await queue.enqueue(reference('report-source', 1))).id;
    const w = startWorker(store, 'polite', [], 30_000);
    workers.push(w);
    await until(async () => (await queue.events(id, 0)).some((e) => e.event.type === 'test-end'), 60_000, 'the run under way');
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    const run = await queue.get(id);
    expect(run).toMatchObject({ state: 'stopped', workerId: 'polite' });
    expect(run!.summary).toMatch(/^stopped/);
    expect((JSON.parse(run!.runJson!) as RunModel).incomplete).toBe(true);
    expect((await queue.events(id, 0)).at(-1)!.event).toMatchObject({ type: 'run-end', incomplete: true });
    expect(await queue.get(next)).toMatchObject({ state: 'queued' });
  }, 120_000);
});
