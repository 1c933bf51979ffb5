// WADO-RS whole-study retrieve (RAD-107) as a user's client sees it: curl fetching the whole
// study of 120 and of 200 instances of 512x512, in one run, from three servers each in its own
// process: our simulator, Orthanc with its DICOMweb plugin (same files uploaded), and the limit,
// a plain node http server writing the same multipart bytes pre-loaded in memory. Rounds are
// interleaved (ours, Orthanc, limit, ours, ...) so load hits all three alike; best of ROUNDS.
// Each server's CPU time per GB sent over the measured rounds is printed too (Linux /proc): a
// loaded machine distorts it far less than throughput, and it shows where a server is the limit.
// Orthanc 1.10+ keeps recently stored or read files in RAM (MaximumStorageCacheSize, 128 MB by
// default), so it serves these studies from memory, as the pre-loaded server does; ours reads
// each file from the page cache on every retrieve.
// The 1 GB peak-RSS figure is its own bench (wado-rs-rss.bench.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildStudy } from '../fixtures/builders/study.ts';
import type { StudyJson } from '../fixtures/builders/study-json.ts';
import { hasCommand } from '../fixtures/peers.ts';
import { startOrthanc, uploadToOrthanc, type OrthancPeer } from '../simulators/clients/orthanc-peer.ts';
import { manifestFromStudyJson } from '../simulators/clients/study-manifest.ts';
import { checkWadoRs } from '../simulators/clients/wado-rs.ts';
import type { Bench, BenchRow } from './harness.ts';
import { cpuMs } from './proc-cpu.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROUNDS = 5;
const SIZES = [120, 200];
const ACCEPT = 'Accept: multipart/related; type="application/dicom"';

export interface ChildServer {
  base: string;
  child: ChildProcess;
  /** SIGTERM; resolves with the child's own peak RSS in MB. */
  stop(): Promise<number>;
}

/** Spawns a bench/*.ts server that prints `BASE url` and, on SIGTERM, `MAXRSS_KB n`. */
export async function startChild(script: string, dir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, script), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await it.next();
  const base = String(first.value ?? '').replace(/^BASE /, '');
  if (!base.startsWith('http')) throw new Error(`${script} did not start: ${String(first.value)}`);
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

/** One curl whole-study GET; MB/s from curl's own size and time (its start-up is not counted). */
function curlMbps(url: string, minBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = spawn('curl', ['-s', '-o', '/dev/null', '-H', ACCEPT, '-w', '%{http_code} %{size_download} %{time_total}', url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.on('error', reject);
    c.on('close', () => {
      const [code, size, secs] = out.trim().split(' ').map(Number) as [number, number, number];
      if (code !== 200 || size < minBytes) return reject(new Error(`curl ${url}: HTTP ${code}, ${size} bytes (expected >= ${minBytes})`));
      resolve(size / 1e6 / secs);
    });
  });
}

/** Each server's CPU ms so far (NaN where unknown). */
function cpuOf<K extends string>(pids: Record<K, number | undefined>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.keys(pids) as K[]) out[k] = cpuMs(pids[k]) ?? NaN;
  return out;
}

const bench: Bench = {
  name: 'WADO-RS whole-study retrieve (RAD-107), curl client',
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-wado-'));
    const rows: BenchRow[] = [];
    let orthanc: OrthancPeer | undefined;
    try {
      if (hasCommand('Orthanc')) orthanc = await startOrthanc();
      else log('Orthanc not installed: no peer figure');
      for (const n of SIZES) {
        const root = join(dir, `s${n}`);
        const built = await buildStudy(root, { instances: n, series: 1, rows: 512, columns: 512, seed: `bench-wado-${n}` });
        const study: StudyJson = built.study;
        const path = `/studies/${study.studyInstanceUid}`;
        const ours = await startChild('wado-rs-server.ts', root);
        const limit = await startChild('wado-rs-preloaded.ts', root);
        try {
          // Correctness first: the same study checked by our WADO-RS client, every instance.
          const check = await checkWadoRs({ baseUrl: ours.base, manifest: manifestFromStudyJson(study), levels: ['study'] });
          const errors = check.findings.filter((f) => f.severity === 'error');
          if (errors.length) throw new Error(`our retrieve failed the checks: ${errors[0]!.message}`);
          if (orthanc)
            await uploadToOrthanc(
              orthanc,
              study.series.flatMap((s) => s.instances.map((i) => join(root, i.file))),
            );
          const best = { ours: 0, orthanc: 0, limit: 0 };
          const loads: number[] = [];
          const pids = { ours: ours.child.pid, orthanc: orthanc?.pid, limit: limit.child.pid };
          let cpu0 = { ours: NaN, orthanc: NaN, limit: NaN };
          for (let r = -1; r < ROUNDS; r++) {
            if (r === 0) cpu0 = cpuOf(pids);
            loads.push(loadavg()[0]!);
            const o = await curlMbps(`${ours.base}${path}`, built.bytes);
            const p = orthanc ? await curlMbps(`${orthanc.dicomWebUrl}${path}`, built.bytes) : 0;
            const l = await curlMbps(`${limit.base}/`, built.bytes);
            if (r < 0) continue; // warm-up: caches, connections, JIT
            best.ours = Math.max(best.ours, o);
            best.orthanc = Math.max(best.orthanc, p);
            best.limit = Math.max(best.limit, l);
          }
          const load = Math.max(...loads, loadavg()[0]!);
          // CPU ms per GB: the measured rounds' CPU over the bytes each server sent in them.
          const cpu1 = cpuOf(pids);
          const gb = (ROUNDS * built.bytes) / 1e9;
          const perGb = (k: keyof typeof cpu0) => (cpu1[k] - cpu0[k]) / gb;
          log(
            `${n} instances (${(built.bytes / 1e6).toFixed(0)} MB): ours ${best.ours.toFixed(0)}, Orthanc ${best.orthanc.toFixed(0)}, pre-loaded node ${best.limit.toFixed(0)} MB/s; ` +
              `server CPU per GB sent: ours ${perGb('ours').toFixed(0)}, Orthanc ${perGb('orthanc').toFixed(0)}, pre-loaded node ${perGb('limit').toFixed(0)} ms`,
          );
          const label = `${n} x 512x512 study, curl`;
          if (orthanc)
            rows.push({
              name: `${label}, vs Orthanc`,
              ours: best.ours,
              peer: best.orthanc,
              peerName: 'Orthanc',
              unit: 'MB/s',
              better: 'higher',
              target: Math.round(best.orthanc * 1.5),
              note: 'target: 1.5x Orthanc',
              loadAverage: load,
            });
          rows.push({
            name: `${label}, vs node pre-loaded (the limit)`,
            ours: best.ours,
            peer: best.limit,
            peerName: 'pre-loaded',
            unit: 'MB/s',
            better: 'higher',
            target: Math.round(best.limit * 0.6),
            note: `target: 60% of the limit; ours is ${((100 * best.ours) / best.limit).toFixed(0)}%`,
            loadAverage: load,
          });
          if (Number.isFinite(perGb('ours')) && Number.isFinite(perGb('limit')))
            rows.push({
              name: `${label}, server CPU per GB sent, vs node pre-loaded`,
              ours: perGb('ours'),
              peer: perGb('limit'),
              peerName: 'pre-loaded',
              unit: 'ms/GB',
              better: 'lower',
              note: Number.isFinite(perGb('orthanc')) ? `Orthanc ${perGb('orthanc').toFixed(0)} ms/GB` : 'no Orthanc figure',
              loadAverage: load,
            });
        } finally {
          await ours.stop();
          await limit.stop();
          await rm(root, { recursive: true, force: true });
        }
      }
      return rows;
    } finally {
      await orthanc?.stop(true);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
