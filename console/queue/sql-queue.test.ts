// The RunQueue contract on SQLite, and several processes claiming from one SQLite file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { packagePath } from '../../model/package-root.ts';
import { openConsoleDb } from '../store/db.ts';
import { queueSuite, request } from './queue.test-kit.ts';
import { sqlRunQueue } from './sql-queue.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

queueSuite('SQLite', {
  async fresh() {
    const spec = `sqlite:${join(dir, `q${++n}.db`)}`;
    return { db: await openConsoleDb(spec), spec };
  },
  connect: (spec) => openConsoleDb(spec),
});

// A child that claims until the queue is empty and prints the ids it got, one a line.
const CLAIMER = `
const { openConsoleDb } = await import(${JSON.stringify(packagePath('console/store/db.ts'))});
const { sqlRunQueue } = await import(${JSON.stringify(packagePath('console/queue/sql-queue.ts'))});
const db = await openConsoleDb(process.argv[1]);
const q = sqlRunQueue(db);
const got = [];
for (let r = await q.claim(process.argv[2]); r; r = await q.claim(process.argv[2])) got.push(r.id);
await db.close();
process.stdout.write(got.join('\\n'));
`;

function claimer(spec: string, worker: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CLAIMER, spec, worker], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out.split('\n').filter(Boolean)) : reject(new Error(`claimer ${worker} exited ${code}: ${err}`)),
    );
  });
}

describe('RunQueue on one SQLite file shared by processes', () => {
  test('four processes claiming 200 runs: each claimed exactly once', async () => {
    const spec = `sqlite:${join(dir, 'shared.db')}`;
    const db = await openConsoleDb(spec);
    const queue = sqlRunQueue(db);
    const all = new Set<string>();
    for (let i = 0; i < 200; i++) all.add((await queue.enqueue(request(i))).id);
    const got = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((w) => claimer(spec, w)));
    const claimed = got.flat();
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed)).toEqual(all);
    const rows = await queue.list({});
    for (const [w, ids] of got.entries()) for (const id of ids) expect(rows.find((r) => r.id === id)?.workerId).toBe(`p${w}`);
    await db.close();
  }, 60_000);
});
