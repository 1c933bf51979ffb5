// Child process for bench/wado-rs.bench.ts: serves DIR with the WADO-RS simulator, prints its
// base URL, and on SIGTERM prints its own peak RSS, so the figure is the simulator's alone.
import { startWadoRs } from '../simulators/wado-rs/index.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: wado-rs-server.ts DIR');
// As `mcwg simulate wado-rs` serves: files hashed once in the background after indexing.
const sim = await startWadoRs({ dataDir: dir, warmDigests: true });
process.stdout.write(`BASE ${sim.base}\n`);
process.once('SIGTERM', () => {
  void sim.stop().then(() => {
    process.stdout.write(`MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
    process.exit(0);
  });
});
