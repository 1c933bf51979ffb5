import { setFlagsFromString } from 'node:v8'; setFlagsFromString('--max-semi-space-size=32');
import { readFileSync, readdirSync } from 'node:fs';
import { readPart10 } from './protocols/dicom/reader.ts';
import { IOD, XDS_I, MCWG, KIN_MANIFEST } from './validators/kos/rule-sets.ts';
import { viewOf } from './validators/kos/view.ts';
import { loadValueSets } from './validators/catalogue/value-sets.ts';
import { performance } from 'node:perf_hooks';
const files = readdirSync('/tmp/kosw/many').map((f) => '/tmp/kosw/many/' + f);
const bufs = files.map((f) => readFileSync(f));
const rules = [...IOD, ...XDS_I, ...MCWG, ...KIN_MANIFEST];
const tot = new Map<string, number>();
const ctx = { valueSets: loadValueSets(), related: [] };
for (let r = 0; r < 2; r++) { tot.clear();
for (const b of bufs) { const v = viewOf(readPart10(b), 'x'); for (const rule of rules) { const t = performance.now(); rule.check(v, ctx as any); tot.set(rule.id, (tot.get(rule.id) ?? 0) + performance.now() - t); } } }
console.log([...tot].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${v.toFixed(0)} ${k}`).join('\n'), '\nsum', [...tot.values()].reduce((a, b) => a + b, 0).toFixed(0));
