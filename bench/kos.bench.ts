// KOS validation speed against dciodvfy on the same files in the same run:
// (a) a directory of 1,000 manifests of 200 references: ours as one in-process directory
//     validation (what `mcwg validate kos DIR` does), dciodvfy once per file;
// (b) one manifest of 4,000 references.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listFiles, tuneHeapForBatch, validateKosPaths } from '../cli/commands/validate-kos.ts';
import { buildManifest } from '../fixtures/builders/kos.ts';
import { exampleStudy, EXAMPLE_AE_TITLE, EXAMPLE_BASE, EXAMPLE_LOCATION } from '../fixtures/builders/kos-example.ts';
import type { KosStudy } from '../fixtures/builders/kos-model.ts';
import { hasCommand } from '../fixtures/peers.ts';
import { writePart10 } from '../protocols/dicom/writer.ts';
import { validateKos } from '../validators/kos/validate.ts';
import type { Bench, BenchRow } from './harness.ts';

const MANIFESTS = Number(process.env.MCWG_BENCH_KOS_FILES ?? 1000);
const PEER_SAMPLE = Number(process.env.MCWG_BENCH_KOS_PEER_SAMPLE ?? 100);

export function manifestBytes(k: number, refs: number, perSeries: number): Buffer {
  const base = exampleStudy();
  const study: KosStudy = { ...base, studyInstanceUid: `2.25.${1000 + k}`, series: [] };
  for (let s = 0; s * perSeries < refs; s++) {
    const n = Math.min(perSeries, refs - s * perSeries);
    study.series.push({
      seriesInstanceUid: `2.25.${1000 + k}.${s + 1}`,
      modality: 'CT',
      seriesNumber: String(s + 1),
      description: `series ${s + 1}`,
      date: '20250310',
      time: '091700',
      instances: Array.from({ length: n }, (_, i) => ({
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        sopInstanceUid: `2.25.${1000 + k}.${s + 1}.${i + 1}`,
        instanceNumber: String(i + 1),
      })),
    });
  }
  return writePart10(
    buildManifest(study, {
      retrieveBase: EXAMPLE_BASE,
      retrieveLocationUid: EXAMPLE_LOCATION,
      retrieveAeTitle: EXAMPLE_AE_TITLE,
      sopInstanceUid: `2.25.${1000 + k}.999`,
      seriesInstanceUid: `2.25.${1000 + k}.59`,
    }),
  );
}

/** CPU seconds used by waited-for children (utime + stime of /proc/self/stat, in clock ticks). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** dciodvfy itself, once per file, as a vendor would run it (no wrapper script). */
function dciodvfyRun(files: string[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = childCpuSeconds();
  for (const f of files) {
    try {
      execFileSync('dciodvfy', ['-profile', 'IHEXDSIManifest', f], { stdio: 'ignore' });
    } catch {
      // dciodvfy's verdict does not matter here, only its time.
    }
  }
  return { wall: (performance.now() - t0) / 1000, cpu: childCpuSeconds() - c0 };
}

const bench: Bench = {
  name: 'kos: validate KOS manifests (ours vs dciodvfy)',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-kos-bench-'));
    try {
      const many = join(dir, 'many');
      mkdirSync(many);
      for (let k = 0; k < MANIFESTS; k++) writeFileSync(join(many, `m${String(k).padStart(4, '0')}.dcm`), manifestBytes(k, 200, 50));
      log(`wrote ${MANIFESTS} manifests of 200 references to ${many}`);
      tuneHeapForBatch();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const results = validateKosPaths(listFiles([many]));
      const oursS = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(c0);
      const oursCpu = (cpu.user + cpu.system) / 1e6;
      const invalid = results.filter((r) => !r.valid).length;
      log(`ours: ${MANIFESTS} files in ${oursS.toFixed(2)} s (${invalid} invalid)`);

      const peer = hasCommand('dciodvfy');
      const sample = results.slice(0, Math.min(PEER_SAMPLE, MANIFESTS)).map((r) => r.path);
      const p = peer ? dciodvfyRun(sample) : { wall: 0, cpu: 0 };
      const peerS = p.wall;
      if (peer) log(`dciodvfy: ${sample.length} files, once per file, in ${peerS.toFixed(2)} s (${p.cpu.toFixed(2)} s CPU)`);
      log(`ours CPU: ${oursCpu.toFixed(2)} s`);
      const rows: BenchRow[] = [
        {
          name: `(a) ${MANIFESTS} manifests x 200 refs`,
          ours: MANIFESTS / oursS,
          peer: peer ? sample.length / peerS : null,
          peerName: 'dciodvfy',
          unit: 'files/s',
          better: 'higher',
          ...(peer ? { target: (20 * sample.length) / peerS } : {}),
          note: `wall clock; target = 20x dciodvfy; dciodvfy timed on ${sample.length} of the files`,
        },
        {
          name: `(a) ${MANIFESTS} manifests x 200 refs, CPU time`,
          ours: MANIFESTS / oursCpu,
          peer: peer && p.cpu > 0 ? sample.length / p.cpu : null,
          peerName: 'dciodvfy',
          unit: 'files/CPU-s',
          better: 'higher',
          ...(peer && p.cpu > 0 ? { target: (20 * sample.length) / p.cpu } : {}),
          note: 'CPU seconds (less sensitive to a loaded machine)',
        },
      ];

      const big = join(dir, 'big.dcm');
      const bytes = manifestBytes(9999, 4000, 500);
      writeFileSync(big, bytes);
      validateKos(bytes, { artefact: big });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const f = validateKos(bytes, { artefact: big });
        times.push(performance.now() - t);
        if (i === 0) log(`4,000-reference manifest: ${bytes.length} bytes, ${f.length} findings`);
      }
      times.sort((x, y) => x - y);
      const peerMs = peer ? dciodvfyRun([big]).wall * 1000 : null;
      rows.push({
        name: '(b) one manifest of 4,000 refs (median of 5)',
        ours: times[2]!,
        peer: peerMs,
        peerName: 'dciodvfy',
        unit: 'ms',
        better: 'lower',
        target: 150,
      });
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
