// Study generation: our builder vs scripts/make-study.sh (python3) on the same size, each in
// a child process: instances/s and peak RSS.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured } from './child-stats.ts';
import type { Bench, BenchRow } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = 1000;

const bench: Bench = {
  name: `study generation (${N} instances, 512x512, 16-bit)`,
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-study-'));
    try {
      const ours = await runMeasured(process.execPath, [
        '--import',
        'tsx',
        join(ROOT, 'cli/main.ts'),
        'fixtures',
        'study',
        join(dir, 'ours'),
        '--instances',
        String(N),
      ]);
      log(`ours: ${ours.seconds.toFixed(2)} s`);
      const peer = await runMeasured('bash', [join(ROOT, 'scripts/make-study.sh'), join(dir, 'peer'), String(N), '512', '512', '1']);
      log(`make-study.sh: ${peer.seconds.toFixed(2)} s`);
      const rows: BenchRow[] = [
        {
          name: 'instances/s',
          ours: N / ours.seconds,
          peer: N / peer.seconds,
          peerName: 'make-study.sh',
          unit: 'inst/s',
          better: 'higher',
        },
      ];
      if (ours.peakRssMb !== null && peer.peakRssMb !== null) {
        rows.push({ name: 'peak RSS', ours: ours.peakRssMb, peer: peer.peakRssMb, peerName: 'make-study.sh', unit: 'MB', better: 'lower' });
      }
      return rows;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
