// `mcwg serve`: the event console (web pages, the run queue, N in-process workers) on the
// embedded SQLite store or a shared PostgreSQL, until SIGINT/SIGTERM. `--create-admin NAME`
// creates the first admin of a fresh installation and exits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AccountError, Accounts } from '../../console/accounts/accounts.ts';
import { openConsoleDb } from '../../console/store/db.ts';
import { UserRepo } from '../../console/store/users.ts';
import { buildConsole } from '../../console/web/app.ts';
import { sqlRunQueue } from '../../console/queue/sql-queue.ts';
import { startInProcessWorkers } from '../../console/worker/index.ts';
import { planExecutor } from './worker-execute.ts';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import type { TlsFlags } from '../../simulators/tls/options.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Register } from '../lazy.ts';
import { intOption, portOption, storeLabel, untilSignal } from '../simulate-lifecycle.ts';
import { tlsServerOf } from './simulate-tls.ts';

interface Opts extends TlsFlags {
  store?: string;
  data: string;
  port: string;
  host: string;
  workers: string;
  createAdmin?: string;
  passwordFile?: string;
}

export const registerServe: Register = (program, io, setExit) => {
  program
    .command('serve')
    .description('the event console: testing sessions, systems, runs, monitor work list and evidence in a browser')
    .option('--store <SPEC>', 'sqlite:FILE or postgres://… (several serve/worker processes may share one PostgreSQL)')
    .option('--data <DIR>', 'folder for the SQLite store and run outputs', './mcwg-console')
    .option('--port <N>', 'TCP port (0: a free one, printed)', '8080')
    .option('--host <ADDR>', 'address to listen on', '127.0.0.1')
    .option('--workers <N>', 'runs executed at a time inside this process (0: only `mcwg worker` processes run them)', '1')
    .option('--tls-cert <FILE>', 'PEM server certificate: serve https (the login cookie is then Secure)')
    .option('--tls-key <FILE>', 'PEM private key of --tls-cert')
    .option('--create-admin <NAME>', 'create an admin user (password from --password-file, else asked on stdin) and exit')
    .option('--password-file <FILE>', 'the password of --create-admin, first line of FILE')
    .addHelpText(
      'after',
      `
Examples:
  mcwg serve --create-admin alice             the first admin of a fresh installation (password asked)
  mcwg serve --port 0                         the console on SQLite under ./mcwg-console, URL printed
  mcwg serve --store postgres://u@db/mcwg     several serve/worker processes on one PostgreSQL`,
    )
    .action(async (o: Opts) => {
      const spec = o.store ?? `sqlite:${join(o.data, 'console.sqlite')}`;
      let db: SqlDriver;
      try {
        db = await openConsoleDb(spec);
      } catch (err) {
        throw new UsageError(`--store ${storeLabel(spec)}: ${(err as Error).message}`);
      }
      try {
        if (o.createAdmin !== undefined) {
          await createAdmin(io, db, o.createAdmin, o.passwordFile);
          return;
        }
        await serve(io, db, spec, o);
      } finally {
        await db.close();
      }
      setExit(0);
    });
};

async function createAdmin(io: Io, db: SqlDriver, name: string, passwordFile?: string): Promise<void> {
  const password = passwordFile ? readPasswordFile(passwordFile) : await readLine('password: ');
  try {
    const user = await new Accounts(new UserRepo(db)).create({ name, password, role: 'admin' });
    io.out(`admin ${user.name} created\n`);
  } catch (err) {
    if (err instanceof AccountError) throw new UsageError(`--create-admin ${name}: ${err.message}`);
    throw err;
  }
}

function readPasswordFile(file: string): string {
  try {
    return (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  } catch (err) {
    throw new UsageError(`--password-file ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** One line from stdin (a terminal or a pipe); the prompt goes to stderr so stdout stays parseable. */
function readLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (process.stdin.isTTY) process.stderr.write(prompt);
    const rl = createInterface({ input: process.stdin, terminal: false });
    let got = false;
    rl.once('line', (line) => {
      got = true;
      rl.close();
      resolve(line.trim());
    });
    rl.once('close', () => {
      if (!got) reject(new UsageError('--create-admin: no password on stdin (or give --password-file)'));
    });
  });
}

async function serve(io: Io, db: SqlDriver, spec: string, o: Opts): Promise<void> {
  const port = portOption(o.port);
  const workers = intOption('--workers', o.workers, 0, 64);
  const tls = tlsServerOf({ ...(o.tlsCert ? { tlsCert: o.tlsCert } : {}), ...(o.tlsKey ? { tlsKey: o.tlsKey } : {}) });
  const queue = sqlRunQueue(db);
  const app = await buildConsole({
    db,
    queue,
    ...(tls ? { tls } : {}),
    onError: (err, method, url) =>
      io.err(
        `serve: internal error on ${method} ${url.split('?')[0]}: ${err instanceof Error ? (io.debug ? err.stack : err.message) : String(err)}\n`,
      ),
  });
  const users = await new UserRepo(db).count();
  await app.listen({ port, host: o.host });
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  io.out(`console ${tls ? 'https' : 'http'}://${host}:${actualPort}/\n`);
  io.err(`serve: store ${storeLabel(spec)}\n`);
  if (users === 0) io.err('serve: no user yet: create the first admin with `mcwg serve --create-admin NAME`\n');
  // Runs are written under DATA/runs/<run id>/, as `mcwg worker --data DATA` does.
  const running = startInProcessWorkers(queue, workers, planExecutor({ dataDir: o.data }), { log: (line) => io.err(`serve: ${line}\n`) });
  if (workers === 0) io.err('serve: no in-process worker (--workers 0): start `mcwg worker` processes to run the queue\n');
  await untilSignal();
  await running.stop();
  await app.close();
  io.err('serve: stopped\n');
}
