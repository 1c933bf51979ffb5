import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parseXml } from './protocols/xml/index.ts';
import { readEbrim } from './protocols/ebrim/index.ts';
const s = readFileSync('/tmp/q.xml', 'utf8');
for (let k = 0; k < 5; k++) { const t0 = performance.now(); const x = parseXml(s) as any; const t1 = performance.now(); readEbrim(x.root); const t2 = performance.now(); const x0 = performance.now(); spawnSync('xmllint', ['--noout', '/tmp/q.xml']); console.log('scan', (t1 - t0).toFixed(0), 'read', (t2 - t1).toFixed(0), 'xmllint', (performance.now() - x0).toFixed(0)); }
