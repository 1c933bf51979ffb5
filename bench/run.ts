// `npm run bench [NAME...]`: runs every bench/*.bench.ts (or the one named NAME, or those whose name contains NAME)
// and prints one line per figure: ours, the peer's and the ratio.
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatRow, type Bench } from './harness.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
// A NAME that is exactly one bench (`wado-rs` -> wado-rs.bench.ts) selects that one alone; any
// other NAME selects every bench whose file name contains it.
const files = all
  .filter((f) => wanted.length === 0 || wanted.some((w) => (all.includes(`${w}.bench.ts`) ? f === `${w}.bench.ts` : f.includes(w))))
  .sort();
if (files.length === 0) {
  process.stderr.write(`bench: no benchmark matches ${wanted.join(' ')}\n`);
  process.exitCode = 2;
}
for (const f of files) {
  const bench = ((await import(new URL(f, import.meta.url).href)) as { default: Bench }).default;
  process.stdout.write(`== ${bench.name}\n`);
  const before = loadavg()[0]!;
  const rows = await bench.run((line) => process.stderr.write(`   ${line}\n`));
  // A bench that does not take the load per figure gets the higher of before and after.
  const load = Math.max(before, loadavg()[0]!);
  for (const row of rows) process.stdout.write(`${formatRow({ ...row, loadAverage: row.loadAverage ?? load })}\n`);
}
