// The WADO-RS simulator's peak RSS serving a 1 GB study (2,000 x 512x512) to our checking client:
// bodies stream from disk, so memory must stay flat whatever the study size (target < 200 MB).
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStudy } from '../fixtures/builders/study.ts';
import { manifestFromStudyJson } from '../simulators/clients/study-manifest.ts';
import { checkWadoRs } from '../simulators/clients/wado-rs.ts';
import type { Bench } from './harness.ts';
import { startChild } from './wado-rs.bench.ts';

const bench: Bench = {
  name: 'WADO-RS simulator memory serving a 1 GB study',
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-wado-rss-'));
    try {
      const big = await buildStudy(join(dir, 'big'), { instances: 2000, series: 4, rows: 512, columns: 512, seed: 'bench-wado-1g' });
      log(`1 GB study: ${(big.bytes / 1e9).toFixed(2)} GB written`);
      const load0 = loadavg()[0]!;
      const server = await startChild('wado-rs-server.ts', join(dir, 'big'));
      let mbps = NaN;
      let rss = NaN;
      try {
        const t0 = performance.now();
        const res = await checkWadoRs({ baseUrl: server.base, manifest: manifestFromStudyJson(big.study), levels: ['study'] });
        mbps = res.bytes / 1e6 / ((performance.now() - t0) / 1000);
        const errors = res.findings.filter((f) => f.severity === 'error');
        if (errors.length) throw new Error(`retrieve failed the checks: ${errors[0]!.message}`);
      } finally {
        rss = await server.stop();
      }
      const load = Math.max(load0, loadavg()[0]!);
      return [
        {
          name: 'simulator peak RSS serving a 1 GB study',
          ours: rss,
          peer: null,
          unit: 'MB',
          better: 'lower',
          target: 200,
          loadAverage: load,
        },
        { name: '1 GB study to our checking client, MB/s', ours: mbps, peer: null, unit: 'MB/s', better: 'higher', loadAverage: load },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
