// The command-line figures of issue 17, each as whole processes the way users run them (the
// installed bin, compiled in dist/), side by side with a peer in the same run:
//   mcwg --version                              vs `node -e 0` (the floor any node CLI pays)
//   mcwg validate kos one.dcm (200 refs)        vs dciodvfy on the same file
//   mcwg validate kos DIR (1,000 x 200 refs)    vs dciodvfy once per file
//   mcwg validate kos big.dcm (4,000 refs)      vs dciodvfy on the same file
//   mcwg validate submission iti41.xml          vs xmllint --noout on the same file
// Each row carries the 1-minute load average taken just before it: above 1 it is direction only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { kosSubmissionEnvelope } from '../fixtures/builders/ebrim-kos-submission.ts';
import { hasCommand } from '../fixtures/peers.ts';
import { packagePath } from '../model/package-root.ts';
import type { Bench, BenchRow } from './harness.ts';
import { manifestBytes } from './kos.bench.ts';

const BIN = packagePath('bin/mcwg.js');
const RUNS = Number(process.env.MCWG_BENCH_CLI_RUNS ?? 11);
const MANIFESTS = Number(process.env.MCWG_BENCH_KOS_FILES ?? 1000);

/** Wall milliseconds of one process; the exit status does not matter (a verdict is not an error). */
function once(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== null && r.status > 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-400)}`);
  return ms;
}

/** Median of `runs` alternating runs of ours and the peer, so load swings hit both alike. */
function sideBySide(ours: [string, string[]], peer: [string, string[]] | null, runs = RUNS): { ours: number; peer: number | null } {
  const a: number[] = [];
  const b: number[] = [];
  once(...ours); // warm the page cache, as a user's second call would be
  if (peer) once(...peer);
  for (let i = 0; i < runs; i++) {
    a.push(once(...ours));
    if (peer) b.push(once(...peer));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { ours: median(a), peer: peer ? median(b) : null };
}

const DCIODVFY = ['dciodvfy', ['-profile', 'IHEXDSIManifest']] as const;

const bench: Bench = {
  name: 'cli: whole-process start-up and validation (installed bin vs peers)',
  async run(log) {
    if (!existsSync(packagePath('dist/mcwg.js'))) {
      log('no dist/: building the CLI first (npm run build)');
      const r = spawnSync(process.execPath, [packagePath('bin/build.mjs')], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('build failed');
    }
    const dciodvfy = hasCommand('dciodvfy');
    const xmllint = hasCommand('xmllint');
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-cli-bench-'));
    const rows: BenchRow[] = [];
    try {
      const one = join(dir, 'one.dcm');
      writeFileSync(one, manifestBytes(1, 200, 50));
      const big = join(dir, 'big.dcm');
      writeFileSync(big, manifestBytes(9999, 4000, 500));
      const sub = join(dir, 'iti41.xml');
      writeFileSync(sub, kosSubmissionEnvelope(true).xml);
      const many = join(dir, 'many');
      mkdirSync(many);
      const files: string[] = [];
      for (let k = 0; k < MANIFESTS; k++) {
        const f = join(many, `m${String(k).padStart(4, '0')}.dcm`);
        writeFileSync(f, manifestBytes(k, 200, 50));
        files.push(f);
      }

      let load = loadavg()[0]!;
      let r = sideBySide([process.execPath, [BIN, '--version']], [process.execPath, ['-e', '0']]);
      rows.push({
        name: 'mcwg --version',
        ours: r.ours,
        peer: r.peer,
        peerName: 'node -e 0 (floor)',
        unit: 'ms',
        better: 'lower',
        target: 100,
        loadAverage: load,
        note: `median of ${RUNS}`,
      });

      load = loadavg()[0]!;
      r = sideBySide([process.execPath, [BIN, 'validate', 'kos', one]], dciodvfy ? [DCIODVFY[0], [...DCIODVFY[1], one]] : null);
      rows.push({
        name: 'mcwg validate kos one.dcm (200 refs)',
        ours: r.ours,
        peer: r.peer,
        peerName: 'dciodvfy',
        unit: 'ms',
        better: 'lower',
        target: 150,
        loadAverage: load,
        note: `median of ${RUNS}`,
      });

      load = loadavg()[0]!;
      r = sideBySide([process.execPath, [BIN, 'validate', 'kos', big]], dciodvfy ? [DCIODVFY[0], [...DCIODVFY[1], big]] : null, 5);
      rows.push({
        name: 'mcwg validate kos big.dcm (4,000 refs)',
        ours: r.ours,
        peer: r.peer,
        peerName: 'dciodvfy',
        unit: 'ms',
        better: 'lower',
        target: 200,
        loadAverage: load,
        note: 'median of 5',
      });

      load = loadavg()[0]!;
      r = sideBySide([process.execPath, [BIN, 'validate', 'submission', sub]], xmllint ? ['xmllint', ['--noout', sub]] : null);
      rows.push({
        name: 'mcwg validate submission iti41.xml',
        ours: r.ours,
        peer: r.peer,
        peerName: 'xmllint --noout',
        unit: 'ms',
        better: 'lower',
        target: 200,
        loadAverage: load,
        note: `median of ${RUNS}`,
      });

      load = loadavg()[0]!;
      const oursMs = once(process.execPath, [BIN, 'validate', 'kos', many]);
      log(`ours: ${MANIFESTS} manifests in one call, ${(oursMs / 1000).toFixed(2)} s`);
      let peerMs: number | null = null;
      if (dciodvfy) {
        const t0 = performance.now();
        for (const f of files) once(DCIODVFY[0], [...DCIODVFY[1], f]);
        peerMs = performance.now() - t0;
        log(`dciodvfy: once per file, ${(peerMs / 1000).toFixed(2)} s`);
      }
      const perS = (ms: number) => (MANIFESTS * 1000) / ms;
      rows.push({
        name: `mcwg validate kos DIR (${MANIFESTS} x 200 refs, one call)`,
        ours: perS(oursMs),
        peer: peerMs === null ? null : perS(peerMs),
        peerName: 'dciodvfy once per file',
        unit: 'files/s',
        better: 'higher',
        ...(peerMs === null ? {} : { target: 20 * perS(peerMs) }),
        loadAverage: load,
        note: 'target = 20x dciodvfy',
      });
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
