import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../../model/run.ts';
import { validateRun } from '../../reports/validate-run.ts';
import { definePlan, type PlanDef } from '../../suites/engine/dsl.ts';
import { finding, pickIds } from '../../suites/engine/scripted.ts';
import { parseSutProfile } from '../../suites/profiles/profile.ts';

const R = pickIds();
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';
import { runCommand, type RunDeps } from './run.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const SUT = join(root, 'sut.yaml');
writeFileSync(SUT, 'name: Scripted PACS\nroles: [Imaging Document Source]\noptions: [XDS-I.b]\n');

const demo = (kosFails: boolean, onStart?: () => void): PlanDef =>
  definePlan({
    id: 'demo',
    version: '1.0.0',
    title: 'Demo',
    groups: [
      {
        id: 'kos',
        title: 'KOS',
        tests: [
          {
            id: 'kos.valid',
            title: 'Manifest valid',
            verifies: [R.a],
            steps: [
              {
                id: 'check',
                title: 'Check',
                verifies: [],
                run: (ctx) => {
                  onStart?.();
                  return ctx.fromFindings(kosFails ? [finding([R.a])] : []);
                },
              },
            ],
          },
          {
            id: 'kos.part10',
            title: 'Part 10',
            verifies: [R.b],
            dependsOn: ['kos.valid'],
            steps: [{ id: 'check', title: 'Check', verifies: [], run: () => 'pass' }],
          },
        ],
      },
    ],
  });

const deps = (plan: PlanDef, signal?: AbortSignal): RunDeps => ({
  plans: { demo: async () => plan },
  references: {},
  ...(signal ? { signal } : {}),
});
const opts = (out: string, extra: object = {}) => ({ sut: SUT, out, concurrency: '2', ...extra });

describe('mcwg run', () => {
  test('a passing run exits 0 and writes run.json, the reports and a verifiable evidence bundle', async () => {
    const out = join(root, 'pass');
    const io = capture();
    expect(await runCommand('demo', opts(out), io, deps(demo(false)))).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel;
    expect(validateRun(run)).toEqual({ valid: true, errors: [] });
    expect(run).toMatchObject({
      state: 'pass',
      incomplete: false,
      labels: [{ policy: { id: 'mcwg-default' }, role: 'Imaging Document Source', outcome: 'incomplete' }],
    });
    for (const f of ['junit.xml', 'report.html', 'summary.csv', 'evidence/manifest.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(io.stdout).toContain(`reports: ${out}`);
    expect(io.stderr).toContain('[2/2] pass  kos.part10');

    const verify = capture();
    expect(await runCli(['evidence', 'verify', out], verify)).toBe(0);
    expect(verify.stdout).toMatch(/^ok: .* recomputed verdict pass equals the stored one/);
  });

  test('a failing SUT exits 1; the dependent test is skipped with the reason', async () => {
    const out = join(root, 'fail');
    expect(await runCommand('demo', opts(out), capture(), deps(demo(true)))).toBe(1);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel;
    expect(run.tests.map((t) => [t.id, t.state, t.message])).toEqual([
      ['kos.valid', 'fail', undefined],
      ['kos.part10', 'skip', 'not run: dependency kos.valid ended fail'],
    ]);
    expect(run.labels?.map((l) => l.outcome)).toEqual(['refused']);
  });

  test("report.html shows the failed step's exchange with its body read back from the evidence bundle", async () => {
    const out = join(root, 'bodies');
    const plan = definePlan({
      id: 'demo',
      version: '1.0.0',
      title: 'Demo',
      groups: [
        {
          id: 'kos',
          title: 'KOS',
          tests: [
            {
              id: 'kos.sent',
              title: 'Manifest sent',
              verifies: [R.a],
              steps: [
                {
                  id: 'send',
                  title: 'Send',
                  verifies: [],
                  run: async (ctx) => {
                    await ctx.evidence.exchange(
                      {
                        id: 'ex-body',
                        at: '2026-01-01T00:00:00.000Z',
                        transaction: 'RAD-68',
                        from: 'sut',
                        to: 'our repository',
                        request: { method: 'POST', url: '/xds/repository', contentType: 'application/soap+xml', size: 0 },
                        response: { status: 200, size: 0 },
                      },
                      { request: `<Envelope>${'<Slot/>'.repeat(2000)}</Envelope>`, response: '<RegistryResponse status="Failure"/>' },
                    );
                    return ctx.fromFindings([finding([R.a])]);
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(await runCommand('demo', opts(out), capture(), deps(plan))).toBe(1);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section class="exchange" id="exchange-ex-body">');
    expect(html).toContain('<pre class="body">&lt;RegistryResponse status&#x3D;&quot;Failure&quot;/&gt;</pre>');
    // The 14 KB request is cut: the report says how much more the bundle holds.
    expect(html).toMatch(/… \d+ more bytes in the evidence bundle/);
  });

  test('a stop (Ctrl-C) writes a partial report marked incomplete', async () => {
    const out = join(root, 'stopped');
    const stop = new AbortController();
    expect(
      await runCommand(
        'demo',
        opts(out),
        capture(),
        deps(
          demo(false, () => stop.abort()),
          stop.signal,
        ),
      ),
    ).toBe(1);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel;
    expect(run.incomplete).toBe(true);
    expect(run.tests[1]).toMatchObject({ state: 'skip', message: 'not run: the run was stopped' });
  });

  test('evidence verify exits 1 and names the file after a one-byte change', async () => {
    const out = join(root, 'pass');
    const manifest = JSON.parse(readFileSync(join(out, 'evidence/manifest.json'), 'utf8')) as {
      entries: { kind: string; sha256: string }[];
    };
    const sha = manifest.entries.find((e) => e.kind === 'findings')!.sha256;
    const file = join(out, 'evidence/objects', sha.slice(0, 2), sha);
    const bytes = readFileSync(file);
    bytes[0] = bytes[0]! ^ 0x20;
    writeFileSync(file, bytes);
    const io = capture();
    expect(await runCli(['evidence', 'verify', out], io)).toBe(1);
    expect(io.stdout).toContain(`mismatch: objects/${sha.slice(0, 2)}/${sha}: SHA-256 mismatch`);
  });

  test('an invalid SUT profile is a usage error naming line and column', async () => {
    const bad = join(root, 'bad.yaml');
    writeFileSync(bad, 'name: X\nroles: [Imaging Document Source]\nendpoints:\n  wadoRs: nope\n');
    const err = await runCommand('demo', opts(join(root, 'bad'), { sut: bad }), capture(), deps(demo(false))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(`${bad}:4:11: endpoints.wadoRs: must be a URL (http://, https://, mllp://, mllps://) or host:port`);
  });

  test('--reference without a plan runs every plan against its reference SUT into out/<plan>/; the worst exit code wins', async () => {
    const out = join(root, 'all');
    const ref = (planId: string) => ({
      planId,
      start: async () => ({
        sut: parseSutProfile(`name: ref ${planId}\nroles: [Imaging Document Source]\n`),
        simulators: {},
        stop: async () => undefined,
      }),
    });
    const all: RunDeps = {
      plans: { good: async () => demo(false), bad: async () => demo(true) },
      references: { good: ref('good'), bad: ref('bad') },
    };
    const io = capture();
    expect(await runCommand(undefined, { out, concurrency: '1', reference: true }, io, all)).toBe(1);
    expect(io.stderr).toContain('[plan 1/2] good');
    expect(io.stderr).toContain('[plan 2/2] bad');
    expect(io.stdout).toContain(`good: pass (2 pass, 0 fail, 0 error, 0 skip) -> ${join(out, 'good')}`);
    expect(io.stdout).toContain(`bad: fail (0 pass, 1 fail, 0 error, 1 skip) -> ${join(out, 'bad')}`);
    for (const p of ['good', 'bad']) expect(existsSync(join(out, p, 'run.json')), p).toBe(true);

    const one = join(root, 'one');
    expect(await runCommand(undefined, { out: one, concurrency: '1', reference: true, plan: 'good' }, capture(), all)).toBe(0);
    expect(existsSync(join(one, 'run.json'))).toBe(true);
    await expect(runCommand('good', { out: one, concurrency: '1', reference: true, plan: 'bad' }, capture(), all)).rejects.toThrow(
      'differ',
    );
  });

  test('unknown plans, a missing --sut and a missing reference SUT exit 2', async () => {
    const io = capture();
    expect(await runCli(['run', 'nope', '--sut', SUT, '--out', join(root, 'x')], io)).toBe(2);
    expect(io.stderr).toContain('unknown plan nope');
    await expect(
      runCommand(undefined, { out: join(root, 'x'), concurrency: '1', reference: true }, capture(), deps(demo(false))),
    ).rejects.toThrow('reference SUT is not part of this build');
    await expect(runCommand('demo', opts(join(root, 'x'), { reference: true }), capture(), deps(demo(false)))).rejects.toThrow(
      'give no --sut',
    );
    await expect(
      runCommand('demo', { out: join(root, 'x'), concurrency: '1', reference: true }, capture(), deps(demo(false))),
    ).rejects.toThrow('plan demo has no reference SUT yet');
    await expect(
      runCommand('nope', { out: join(root, 'x'), concurrency: '1', reference: true }, capture(), deps(demo(false))),
    ).rejects.toThrow('unknown plan nope');
    await expect(runCommand('demo', { out: join(root, 'y'), concurrency: '1' }, capture(), deps(demo(false)))).rejects.toThrow(
      '--sut FILE is required',
    );
    await expect(runCommand('demo', opts(join(root, 'y'), { concurrency: '0' }), capture(), deps(demo(false)))).rejects.toThrow(
      '--concurrency 0',
    );
  });
});
