import { readFileSync, writeFileSync } from 'node:fs';
import { conformantQueryResponse } from './fixtures/builders/ebrim-query-response.ts';
import { writeAdhocQueryResponse, readEbrim } from './protocols/ebrim/index.ts';
import { parseXml } from './protocols/xml/index.ts';
import { ebrimView } from './validators/metadata/validate-ebrim.ts';
import { METADATA_RULES } from './validators/metadata/rule-sets.ts';
import { runRules } from './validators/rule.ts';
import { loadValueSets } from './validators/catalogue/value-sets.ts';
writeFileSync('/tmp/q.xml', writeAdhocQueryResponse(conformantQueryResponse(5000)));
const t = (l: string, f: () => unknown) => { const t0 = performance.now(); const r = f(); console.log(l, (performance.now() - t0).toFixed(0)); return r; };
for (let k = 0; k < 2; k++) {
const buf = t('read', () => readFileSync('/tmp/q.xml')) as Buffer;
const s = t('decode', () => new TextDecoder('utf-8', { fatal: true }).decode(buf)) as string;
t('dtd', () => /<!(DOCTYPE|ENTITY)/i.exec(s));
const x = t('parseXml', () => parseXml(s)) as any;
const r = t('readEbrim', () => readEbrim(x.root)) as any;
const view = ebrimView(r.message)!;
const vs = loadValueSets();
t('rules', () => runRules(METADATA_RULES, view, { valueSets: vs }, 'x'));
}

