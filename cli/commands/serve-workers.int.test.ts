// `mcwg serve --workers 1` executes queued runs inside the server process (the executor the CLI
// injects), and SIGTERM stops the run in progress as stopped before the server exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { sqlRunQueue } from '../../console/queue/sql-queue.ts';
import { openConsoleDb } from '../../console/store/db.ts';
import { packagePath } from '../../model/package-root.ts';

const data = mkdtempSync(join(tmpdir(), 'mcwg-serve-workers-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('serve --workers 1 runs a queued reference run, and SIGTERM stops the next one mid-run', async () => {
  const db = await openConsoleDb(`sqlite:${join(data, 'console.sqlite')}`);
  const queue = sqlRunQueue(db);
  const ask = (plan: string) =>
    queue.enqueue({ sessionId: 's', systemId: 'sys', plan, profileYaml: 'name: x\nroles: [RIS]\n', requestedBy: 'admin', reference: true });
  const first = (await ask('report-source')).id;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', packagePath('cli/main.ts'), 'serve', '--port', '0', '--data', data, '--workers', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d));
  child.stderr.on('data', (d: Buffer) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = async (what: () => Promise<boolean>, why: string) => {
    for (const end = Date.now() + 90_000; !(await what()); await sleep(100))
      if (Date.now() > end) throw new Error(`timed out: ${why}\n${log}`);
  };
  try {
    await until(async () => (await queue.get(first))!.state === 'passed', 'the first run passed');
    expect((await queue.get(first))!.outDir).toBe(join(data, 'runs', first));
    const second = (await ask('wado-rs-source')).id;
    await until(async () => (await queue.events(second, 0)).some((e) => e.event.type === 'test-end'), 'the second run under way');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stopped = await queue.get(second);
    expect(stopped!.state).toBe('stopped');
    expect(stopped!.runJson).toBeDefined();
    expect(log).toMatch(/serve: run [0-9a-f-]{36}: report-source for system sys \(reference SUT\) started/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db.close();
  }
}, 180_000);
