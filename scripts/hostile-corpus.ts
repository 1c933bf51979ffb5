// Writes the hostile corpus to a folder, one file per input plus manifest.tsv (id, protocol,
// target validators, expected answer, what it is), for a look by hand or a run against
// another tool. The tests generate it in memory; nothing here is committed.
// Usage: node --import tsx scripts/hostile-corpus.ts OUT_DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileCorpus, manifestLine } from '../fixtures/hostile/corpus.ts';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node --import tsx scripts/hostile-corpus.ts OUT_DIR\n');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const corpus = hostileCorpus();
const lines = ['# id\tprotocol\ttargets\texpect\tnote\tfile'];
corpus.forEach((c, i) => {
  const file = `${String(i).padStart(4, '0')}-${c.id.replace(/[^\w.-]/g, '_')}`;
  writeFileSync(join(out, file), c.bytes);
  lines.push(`${manifestLine(c)}\t${file}`);
});
writeFileSync(join(out, 'manifest.tsv'), `${lines.join('\n')}\n`);
process.stdout.write(`${corpus.length} inputs written to ${out}\n`);
