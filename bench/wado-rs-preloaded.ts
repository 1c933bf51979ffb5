// Child process for bench/wado-rs.bench.ts: the limit. A plain node http server that holds the
// whole multipart answer of DIR's study in memory (same layout as the simulator's) and writes it
// in one call to whoever asks, so the client and the machine are all that is measured.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { layoutParts } from '../simulators/wado-rs/send-study.ts';
import { indexFolder } from '../simulators/wado-rs/store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: wado-rs-preloaded.ts DIR');
const store = await indexFolder(dir);
const instances = [...store.studies.values()].flatMap((st) => [...st.series.values()].flatMap((s) => [...s.instances.values()]));
const boundary = 'preloaded-0123456789';
const layout = layoutParts(instances, boundary);
const bodies = await Promise.all(instances.map((i) => readFile(i.path)));
const body = Buffer.concat([...layout.heads.flatMap((h, k) => [h, bodies[k]!]), layout.tail]);
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
    'Content-Length': body.length,
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address() as { port: number };
  process.stdout.write(`BASE http://127.0.0.1:${a.port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  process.stdout.write(`MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
  process.exit(0);
});
