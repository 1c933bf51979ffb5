import { setFlagsFromString } from 'node:v8'; setFlagsFromString('--max-semi-space-size=32');
import { readFileSync, readdirSync } from 'node:fs';
import { readPart10 } from './protocols/dicom/reader.ts';
import { validateKosSet } from './validators/kos/validate.ts';
const files = readdirSync('/tmp/kosw/many').map((f) => '/tmp/kosw/many/' + f);
const bufs = files.map((f) => readFileSync(f));
const cpu = (label: string, fn: () => void) => { const c = process.cpuUsage(); fn(); const u = process.cpuUsage(c); console.log(label, ((u.user + u.system) / 1000).toFixed(0)); };
for (let r = 0; r < 2; r++) {
cpu('readFiles', () => { for (const f of files) readFileSync(f); });
cpu('peek', () => { for (const b of bufs) readPart10(b, { shallow: true }); });
cpu('parse', () => { for (const b of bufs) readPart10(b); });
cpu('validateSet', () => { validateKosSet(bufs.map((b, i) => ({ artefact: files[i]!, bytes: b }))); });
}
