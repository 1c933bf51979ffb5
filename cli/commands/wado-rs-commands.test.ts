import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-cli-wado-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): Io & { o: string; e: string } {
  const io: Io & { o: string; e: string } = {
    o: '',
    e: '',
    isTty: false,
    debug: false,
    out: (t) => void (io.o += t),
    err: (t) => void (io.e += t),
  };
  return io;
}

describe('mcwg fixtures study, simulate wado-rs, probe wado-rs', () => {
  const out = join(dir, 'study');

  test('fixtures study writes the files and study.json', async () => {
    const io = capture();
    expect(
      await runCli(['fixtures', 'study', out, '--instances', '3', '--series', '2', '--rows', '16', '--columns', '16', '--seed', 'cli'], io),
    ).toBe(0);
    expect(io.o).toBe(`${out}/study.json\n`);
    const study = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { series: { instances: unknown[] }[] };
    expect(study.series.map((s) => s.instances.length)).toEqual([2, 1]);
  });

  test('fixtures study rejects a bad count with exit 2 and one line', async () => {
    const io = capture();
    expect(await runCli(['fixtures', 'study', out, '--instances', '0'], io)).toBe(2);
    expect(io.e).toBe('mcwg: --instances 0: expected an integer from 1 to 1000000\n');
  });

  test('simulate wado-rs prints RAD-107 lines, serves until SIGTERM, and probe sees it up', async () => {
    const sim = capture();
    const running = runCli(['simulate', 'wado-rs', '--data', out, '--no-qido'], sim);
    while (!sim.o.includes('/studies/')) await new Promise((r) => setImmediate(r));
    const lines = sim.o.trim().split('\n');
    expect(lines[0]).toMatch(/^RAD-107 http:\/\/127\.0\.0\.1:\d+\/dicom-web$/);
    expect(sim.o).not.toContain('QIDO-RS');
    const base = lines[0]!.split(' ')[1]!;
    const study = lines[1]!.split('/studies/')[1]!;

    const up = capture();
    expect(await runCli(['probe', 'wado-rs', base, '--study', study, '--format', 'json'], up)).toBe(0);
    expect(JSON.parse(up.o)).toMatchObject({ available: true, samples: [{ ok: true, status: 200 }] });
    const down = capture();
    expect(await runCli(['probe', 'wado-rs', base, '--study', '1.2.3'], down)).toBe(1);
    expect(down.o).toMatch(/^DOWN .* status=404/);

    process.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(sim.e).toContain('wado-rs: stopped');
  });

  test('simulate wado-rs names a bad fault and a missing folder', async () => {
    const a = capture();
    expect(await runCli(['simulate', 'wado-rs', '--data', out, '--fault', 'latency=soon'], a)).toBe(2);
    expect(a.e).toMatch(/--fault latency=soon: latency needs a non-negative integer/);
    const b = capture();
    expect(await runCli(['simulate', 'wado-rs', '--data', join(dir, 'nope')], b)).toBe(2);
  });
});
