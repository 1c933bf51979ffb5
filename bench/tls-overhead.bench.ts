// How much TLS adds to a plan run (issue 18): the reference SUTs of two server plans
// (document-registry-repository: SOAP/MTOM; mhd-document-responder: FHIR), each started here
// once with mutual TLS (test PKI; the plan's TLS probe included) and once on plain HTTP, and a
// whole `mcwg run PLAN --sut` process timed against each, alternating, median of RUNS. "ours"
// is the run with TLS, "peer" the same run without: the ratio is TLS's cost. The CLI runs from
// the sources (MCWG_TSX=1) so the figure is of the code in this tree, start-up included alike.
// The TLS run also does the TLS tests (handshake probe) that the plain one reports not tested:
// that is part of what TLS costs a plan run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { packagePath } from '../model/package-root.ts';
import type { RunningSut } from '../suites/engine/plan-module.ts';
import type { Bench, BenchRow } from './harness.ts';

const BIN = packagePath('bin/mcwg.js');
const RUNS = Number(process.env.MCWG_BENCH_TLS_RUNS ?? 3);

type Start = (opts: { dataDir: string; tls?: boolean }) => Promise<RunningSut>;

const PLANS: { plan: string; start: () => Promise<Start> }[] = [
  {
    plan: 'document-registry-repository',
    start: async () => (await import('../suites/plans/document-registry-repository/reference/index.ts')).startReferenceRegistry,
  },
  {
    plan: 'mhd-document-responder',
    start: async () => (await import('../suites/plans/mhd-document-responder/reference/index.ts')).startReferenceMhd,
  },
];

/** One `mcwg run` against a freshly started reference; wall milliseconds of the process. */
async function runOnce(plan: string, start: Start, dir: string, tls: boolean): Promise<number> {
  const sut = await start({ dataDir: join(dir, 'data'), tls });
  try {
    const file = join(dir, 'sut.yaml');
    writeFileSync(file, stringify(sut.sut));
    const t0 = performance.now();
    // Async spawn: the reference SUT answers from this process's event loop meanwhile.
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'run', plan, '--sut', file, '--out', join(dir, 'out')], {
        stdio: ['ignore', 'ignore', 'ignore'],
        env: { ...process.env, MCWG_TSX: '1' },
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    const ms = performance.now() - t0;
    // 0 all passed; 1 is the plain run's TLS tests not tested (incomplete) at most. 2 and 3 are breakage.
    if (code === null || code > 1) throw new Error(`mcwg run ${plan} (${tls ? 'TLS' : 'plain'}) exited ${code}`);
    return ms;
  } finally {
    await sut.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

const bench: Bench = {
  name: 'tls-overhead: a whole `mcwg run` against a reference SUT with mutual TLS vs plain HTTP',
  async run(log) {
    const rows: BenchRow[] = [];
    for (const p of PLANS) {
      const start = await p.start();
      const withTls: number[] = [];
      const plain: number[] = [];
      const load = loadavg()[0]!;
      for (let i = 0; i < RUNS; i++) {
        // Alternating, each in a fresh folder, so load swings and warm caches hit both alike.
        for (const tls of [true, false]) {
          const dir = mkdtempSync(join(tmpdir(), `mcwg-tls-bench-${p.plan}-`));
          try {
            const ms = await runOnce(p.plan, start, dir, tls);
            (tls ? withTls : plain).push(ms);
            log(`${p.plan} ${tls ? 'TLS  ' : 'plain'} run ${i + 1}: ${ms.toFixed(0)} ms`);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }
      }
      rows.push({
        name: `mcwg run ${p.plan} (reference), median of ${RUNS}`,
        ours: median(withTls),
        peer: median(plain),
        peerName: 'without TLS',
        unit: 'ms',
        better: 'lower',
        note: `TLS adds ${(median(withTls) - median(plain)).toFixed(0)} ms (${((median(withTls) / median(plain) - 1) * 100).toFixed(0)}%), its TLS probe included`,
        loadAverage: Math.max(load, loadavg()[0]!),
      });
    }
    return rows;
  },
};

export default bench;
