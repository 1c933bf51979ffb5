import { mkdirSync, writeFileSync } from 'node:fs';
import { manifestBytes } from './bench/kos.bench.ts';
mkdirSync('/tmp/kosw/many', { recursive: true });
for (let k = 0; k < 1000; k++) writeFileSync(`/tmp/kosw/many/m${k}.dcm`, manifestBytes(k, 200, 50));
