// WADO-RS whole-study retrieve, same client (our checks) and same 200-instance 512x512 study:
// our simulator vs Orthanc, MB/s each; then the simulator's peak RSS serving a 1 GB study.
// Each server runs in its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildStudy } from '../fixtures/builders/study.ts';
import type { StudyJson } from '../fixtures/builders/study-json.ts';
import { hasCommand } from '../fixtures/peers.ts';
import { startOrthanc, uploadToOrthanc } from '../simulators/clients/orthanc-peer.ts';
import { manifestFromStudyJson } from '../simulators/clients/study-manifest.ts';
import { checkWadoRs } from '../simulators/clients/wado-rs.ts';
import type { Bench, BenchRow } from './harness.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RUNS = 5;

interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<number>;
}

async function startServer(dir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'wado-rs-server.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const base = String(first.value ?? '').replace(/^BASE /, '');
  if (!base.startsWith('http')) throw new Error(`simulator did not start: ${String(first.value)}`);
  return {
    base,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      for (let n = await it.next(); !n.done; n = await it.next()) {
        const m = /^MAXRSS_KB (\d+)/.exec(n.value);
        if (m) return Number(m[1]) / 1024;
      }
      return NaN;
    },
  };
}

/** Best of RUNS whole-study retrieves after one warm-up, MB/s; throws when the checks find errors. */
async function retrieveMbps(base: string, study: StudyJson, runs = RUNS): Promise<number> {
  let best = 0;
  for (let r = runs > 1 ? -1 : 0; r < runs; r++) {
    const t0 = performance.now();
    const res = await checkWadoRs({ baseUrl: base, manifest: manifestFromStudyJson(study), levels: ['study'] });
    const s = (performance.now() - t0) / 1000;
    const errors = res.findings.filter((f) => f.severity === 'error');
    if (errors.length) throw new Error(`retrieve from ${base} failed the checks: ${errors[0]!.message}`);
    if (r >= 0) best = Math.max(best, res.bytes / 1e6 / s);
  }
  return best;
}

const bench: Bench = {
  name: 'WADO-RS whole-study retrieve (RAD-107)',
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-wado-'));
    const rows: BenchRow[] = [];
    try {
      const files = (root: string, s: StudyJson) => s.series.flatMap((se) => se.instances.map((i) => join(dir, root, i.file)));
      const study = (await buildStudy(join(dir, 'study'), { instances: 200, series: 1, rows: 512, columns: 512, seed: 'bench-wado' })).study;
      const ours = await startServer(join(dir, 'study'));
      let oursMbps: number;
      try {
        oursMbps = await retrieveMbps(ours.base, study);
      } finally {
        await ours.stop();
      }
      log(`ours: ${oursMbps.toFixed(0)} MB/s`);
      let peerMbps: number | null = null;
      if (hasCommand('Orthanc')) {
        const orthanc = await startOrthanc();
        try {
          await uploadToOrthanc(orthanc, files('study', study));
          peerMbps = await retrieveMbps(orthanc.dicomWebUrl, study);
          log(`Orthanc: ${peerMbps.toFixed(0)} MB/s`);
        } finally {
          await orthanc.stop(true);
        }
      } else log('Orthanc not installed: no peer figure');
      const target = peerMbps === null ? undefined : Math.round(peerMbps * 1.5);
      rows.push({ name: '200 x 512x512 study, MB/s', ours: oursMbps, peer: peerMbps, peerName: 'Orthanc', unit: 'MB/s', better: 'higher', ...(target === undefined ? {} : { target }), note: 'target: 1.5x Orthanc' });

      await rm(join(dir, 'study'), { recursive: true, force: true });
      const big = await buildStudy(join(dir, 'big'), { instances: 2000, series: 4, rows: 512, columns: 512, seed: 'bench-wado-1g' });
      log(`1 GB study: ${(big.bytes / 1e9).toFixed(2)} GB written`);
      const server = await startServer(join(dir, 'big'));
      let bigMbps: number;
      try {
        bigMbps = await retrieveMbps(server.base, big.study, 1);
      } finally {
        const rss = await server.stop();
        rows.push({ name: 'simulator peak RSS serving a 1 GB study', ours: rss, peer: null, unit: 'MB', better: 'lower', target: 200 });
      }
      rows.push({ name: '1 GB study, MB/s', ours: bigMbps, peer: null, unit: 'MB/s', better: 'higher' });
      return rows;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
