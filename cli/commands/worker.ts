// `mcwg worker`: executes runs queued in the console database, as many processes as wanted on
// as many machines as share that database (PostgreSQL), or next to `mcwg serve` on its SQLite
// file. SIGINT/SIGTERM stop it gracefully: the run in progress ends as stopped with its partial
// results; a worker killed outright leaves its run to the others' reaper (interrupted).
import { resolve } from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';

export interface WorkerCommandOptions {
  store?: string;
  data: string;
  id?: string;
  concurrency: string;
  testConcurrency: string;
  policy?: string;
  pollMs: string;
  heartbeatMs: string;
  staleMs: string;
  exitWhenIdle?: boolean;
}

export const registerWorker: Register = (program, io, setExit) => {
  program
    .command('worker')
    .description('execute runs queued by the event console (mcwg serve); any number of workers may share one PostgreSQL')
    .option(
      '--store <SPEC>',
      'the console database: postgres://USER@HOST/DB or sqlite:FILE (default: sqlite:DATA/console.sqlite, as mcwg serve)',
    )
    .option(
      '--data <DIR>',
      'folder for the runs (DATA/runs/<run id>/: reports, evidence, console.log); as mcwg serve --data',
      './mcwg-console',
    )
    .option('--id <NAME>', 'this worker in the console and the logs (default: worker-HOST-PID)')
    .addOption(new Option('--concurrency <N>', 'runs executed at once by this process').default('1'))
    .addOption(new Option('--test-concurrency <N>', "independent tests in parallel within one run (mcwg run's --concurrency)").default('4'))
    .option('--policy <FILE>', 'label policy YAML (default: the toolkit policy)')
    .addOption(new Option('--poll-ms <MS>', 'how often an idle worker looks for work and a busy one checks for a stop').default('1000'))
    .addOption(new Option('--heartbeat-ms <MS>', 'how often the worker tells the database it is alive').default('5000'))
    .addOption(
      new Option('--stale-ms <MS>', 'another worker silent this long is dead: its running run becomes interrupted').default('30000'),
    )
    .option('--exit-when-idle', 'exit once the queue is empty instead of waiting for more runs')
    .addHelpText(
      'after',
      `
Each run is executed as \`mcwg run PLAN --sut PROFILE\` (or --reference) would, into
DATA/runs/<run id>/; its progress goes to the console live. A run is claimed by exactly one
worker (FOR UPDATE SKIP LOCKED on PostgreSQL). Ctrl-C (SIGINT) or SIGTERM: the run in progress
stops with its partial results and the worker exits; a second Ctrl-C exits at once. A worker
killed outright leaves its run running until another worker sees it silent for --stale-ms and
marks it interrupted. Keep --stale-ms well above the longest pause of a busy worker (seconds
on a loaded machine, while a plan's modules load): a live worker's run would be interrupted.

Examples:
  mcwg worker                                   next to \`mcwg serve\` on its SQLite file (./mcwg-console)
  mcwg worker --store postgres://mcwg@db.example.org/console --data /shared/mcwg --concurrency 2
  mcwg worker --store postgres://mcwg@db/console --data /shared/mcwg --exit-when-idle    drain the queue, then exit`,
    )
    .action(async (opts: WorkerCommandOptions) => {
      setExit(await workerCommand(opts, io));
    });
};

function whole(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} ${value}: expected a whole number from ${min}`);
  return n;
}

export async function workerCommand(opts: WorkerCommandOptions, io: Io, signal?: AbortSignal): Promise<number> {
  const slots = whole('--concurrency', opts.concurrency, 1);
  const testConcurrency = whole('--test-concurrency', opts.testConcurrency, 1);
  const pollMs = whole('--poll-ms', opts.pollMs, 10);
  const heartbeatMs = whole('--heartbeat-ms', opts.heartbeatMs, 10);
  const staleMs = whole('--stale-ms', opts.staleMs, 1);
  if (staleMs <= heartbeatMs)
    throw new UsageError(`--stale-ms ${staleMs} must be longer than --heartbeat-ms ${heartbeatMs}: live workers would be reaped`);
  const dataDir = resolve(opts.data);
  const store = opts.store ?? `sqlite:${resolve(dataDir, 'console.sqlite')}`;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(store)) throw new UsageError(`--store ${store}: use sqlite:FILE or postgres://…`);

  // Heavy modules only now: `mcwg --help` must not load the engine or the database drivers.
  const [{ openConsoleDb }, { sqlRunQueue }, { defaultWorkerId, runWorker }, { planExecutor }] = await Promise.all([
    import('../../console/store/db.ts'),
    import('../../console/queue/sql-queue.ts'),
    import('../../console/worker/index.ts'),
    import('./worker-execute.ts'),
  ]);
  const db = await openConsoleDb(store).catch((e: unknown) => {
    throw new UsageError(`--store ${redact(store)}: ${e instanceof Error ? e.message : String(e)}`);
  });
  const workerId = opts.id ?? defaultWorkerId();
  const stop = new AbortController();
  const onSignal = (name: string) => () => {
    io.err(`${workerId}: ${name}: stopping the run in progress (partial results kept); again to exit at once\n`);
    stop.abort(new Error(`worker stopped by ${name}`));
  };
  const sigint = onSignal('SIGINT');
  const sigterm = onSignal('SIGTERM');
  process.once('SIGINT', sigint);
  process.once('SIGTERM', sigterm);
  signal?.addEventListener('abort', () => stop.abort(signal.reason), { once: true });
  io.out(`${workerId}: taking runs from ${redact(store)}, ${slots} at a time, writing under ${dataDir}/runs/\n`);
  try {
    const report = await runWorker({
      queue: sqlRunQueue(db),
      workerId,
      execute: planExecutor({ dataDir, concurrency: testConcurrency, ...(opts.policy ? { policy: opts.policy } : {}) }),
      signal: stop.signal,
      slots,
      pollMs,
      heartbeatMs,
      staleMs,
      exitWhenIdle: opts.exitWhenIdle === true,
      log: (line) => io.out(`${new Date().toISOString()} ${workerId}: ${line}\n`),
    });
    io.out(
      `${workerId}: ${report.finished.length} run(s) finished${report.lost.length > 0 ? `, ${report.lost.length} taken away (reaped)` : ''}\n`,
    );
    return 0;
  } finally {
    process.removeListener('SIGINT', sigint);
    process.removeListener('SIGTERM', sigterm);
    await db.close();
  }
}

/** A store URL without its password, for logs. */
function redact(spec: string): string {
  return spec.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
