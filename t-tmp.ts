import { performance } from 'node:perf_hooks';
import { buildManifest } from './fixtures/builders/kos.ts';
import { exampleStudy, EXAMPLE_BASE, EXAMPLE_LOCATION } from './fixtures/builders/kos-example.ts';
import { writePart10 } from './protocols/dicom/writer.ts';
import { readPart10 } from './protocols/dicom/reader.ts';
import { validateKos } from './validators/kos/validate.ts';
import { IOD, XDS_I, MCWG, KIN_MANIFEST } from './validators/kos/rule-sets.ts';
import { viewOf } from './validators/kos/view.ts';
import { loadValueSets } from './validators/catalogue/value-sets.ts';
const study = { ...exampleStudy(), series: [] as any[] };
for (let s = 0; s < 8; s++) study.series.push({ seriesInstanceUid: `2.25.9.${s}`, modality: 'CT', seriesNumber: String(s+1), description: 'x', date: '20250310', time: '091700', instances: Array.from({ length: 500 }, (_, i) => ({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `2.25.9.${s}.${i}`, instanceNumber: String(i + 1) })) });
const bytes = writePart10(buildManifest(study as any, { retrieveBase: EXAMPLE_BASE, retrieveLocationUid: EXAMPLE_LOCATION, sopInstanceUid: '2.25.1', seriesInstanceUid: '2.25.2' }));
validateKos(bytes, { artefact: 'x' });
let t=0; let f = readPart10(bytes); for (let i=0;i<5;i++){ t = performance.now(); f = readPart10(bytes); console.log('read', performance.now() - t);}
const v = viewOf(f, 'x'); const ctx = { valueSets: loadValueSets(), related: [] };
for (let it=0; it<5; it++) for (const r of [...IOD, ...XDS_I, ...MCWG, ...KIN_MANIFEST]) { t = performance.now(); r.check(v, ctx as any); const d = performance.now() - t; if (d > 3 && it===4) console.log(r.id, d.toFixed(1)); }

for (let i=0;i<5;i++){ t=performance.now(); validateKos(bytes,{artefact:'x'}); console.log('total', performance.now()-t); }
