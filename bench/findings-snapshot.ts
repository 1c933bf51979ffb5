// Proves that performance work leaves findings unchanged: validates the bench inputs plus
// seeded mutations of them (so that rules actually fire) and writes or checks a snapshot.
//   node --import tsx bench/findings-snapshot.ts --save FILE    record the findings
//   node --import tsx bench/findings-snapshot.ts --check FILE   exit 1 on any difference
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFiles, validateKosPaths } from '../cli/commands/validate-kos.ts';
import { conformantQueryResponse } from '../fixtures/builders/ebrim-query-response.ts';
import { conformantSubmission } from '../fixtures/builders/ebrim-submission.ts';
import { kosSubmission } from '../fixtures/builders/ebrim-kos-submission.ts';
import { writeAdhocQueryResponse, writeProvideAndRegister } from '../protocols/ebrim/index.ts';
import { validateEbrimXml } from '../validators/metadata/validate-ebrim.ts';
import { validateKos } from '../validators/kos/validate.ts';
import { manifestBytes } from './kos.bench.ts';

let seed = 0x1234abcd;
const rand = (n: number): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};

const REPLACEMENTS = [
  '',
  'x',
  '1.2.3..4',
  'urn:uuid:bad',
  '2025',
  '20251399',
  'a&amp;b',
  'CT',
  '^^^&1.2&ISO',
  "it's",
  '1.2.840.10008.5.1.4.1.1.88.59',
];

/** Deterministic string mutations of an XML document. */
function xmlMutations(xml: string, count: number): string[] {
  const attr = [...xml.matchAll(/="([^"]*)"/g)].map((m) => [m.index! + 2, m[1]!.length] as const);
  const text = [...xml.matchAll(/>([^<]+)</g)].map((m) => [m.index! + 1, m[1]!.length] as const);
  const elems = [
    ...xml.matchAll(
      /<(rim:(?:Slot|Classification|ExternalIdentifier|Name|Value|Association|LocalizedString))\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g,
    ),
  ].map((m) => [m.index!, m[0].length] as const);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rand(6);
    const pool = kind === 0 || kind === 1 ? attr : kind === 2 ? text : elems;
    const [at, len] = pool[rand(pool.length)]!;
    if (kind <= 2) out.push(xml.slice(0, at) + REPLACEMENTS[rand(REPLACEMENTS.length)]! + xml.slice(at + len));
    else if (kind <= 4) out.push(xml.slice(0, at) + xml.slice(at + len));
    else {
      const cut = rand(xml.length);
      out.push(rand(2) ? xml.slice(0, cut) : xml.slice(0, cut) + '<' + xml.slice(cut));
    }
  }
  return out;
}

function kosMutations(base: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const b = Buffer.from(base);
    const kind = rand(3);
    if (kind === 0) out.push(b.subarray(0, 132 + rand(b.length - 132)));
    else {
      const at = 132 + rand(b.length - 140);
      const n = kind === 1 ? 1 : 2 + rand(6);
      for (let k = 0; k < n; k++) b[at + k] = kind === 1 ? b[at + k]! ^ (1 << rand(8)) : rand(256);
      out.push(b);
    }
  }
  return out;
}

function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  // Big cases are digested; small ones kept whole so a difference can be read.
  const digest = (x: unknown) => {
    const j = JSON.stringify(x);
    return j.length > 20000 ? createHash('sha256').update(j).digest('hex') : j;
  };
  const meta = (name: string, xml: string) => {
    out[name] = digest(validateEbrimXml(Buffer.from(xml), 'f.xml').findings);
  };
  meta('iti41-1000', writeProvideAndRegister(conformantSubmission(1000)));
  meta('query-5000', writeAdhocQueryResponse(conformantQueryResponse(5000)));
  const small = [
    ['iti41-20', writeProvideAndRegister(conformantSubmission(20))],
    ['query-20', writeAdhocQueryResponse(conformantQueryResponse(20))],
    ['rad68', writeProvideAndRegister(kosSubmission().submission)],
  ] as const;
  // Hand-made edge cases of the scanner's fast paths (names reused, end tags, DTD refusal).
  const q1 = writeAdhocQueryResponse(conformantQueryResponse(1));
  const edges = [
    '<!doctype x><a/>',
    '<!DocType x><a/>',
    '<a><!--<!ENTITY x "y">--></a>',
    '<a><![CDATA[<!Doctype]]></a>',
    '<a>\u0131<!ENT\u0131TY</a>',
    '<!ENTıTY x><a/>',
    '<a></a >',
    '<a></a\n\t>',
    '<a></ab>',
    '<ab></a>',
    '<a><b></a></b>',
    '<a x="1" x="2"/>',
    '<a constructor="1"/>',
    '<a><b/></a\n',
    '</a>',
    '<a>',
    '<p:a xmlns:p="u"><p:b/></p:a>',
    '<p:a xmlns:p="u"><p:b></p:bb></p:a>',
    '<p:a xmlns:p="u"><q:b/></p:a>',
    '<a xmlns="u" xmlns="v"/>',
    q1.replace('</rim:ExtrinsicObject>', '</rim:ExtrinsicObject >'),
    q1.replace('</rim:ExtrinsicObject>', '</rim:ExtrinsicObjec>'),
    q1.replace(/id="urn:uuid:00000001[^"]*"/, 'id="it\'s"'),
    q1.replace(/<rim:ExtrinsicObject id="[^"]*"/, '<rim:ExtrinsicObject'),
    q1.replace(
      '</rim:RegistryObjectList>',
      `${q1.slice(q1.indexOf('<rim:ExtrinsicObject'), q1.indexOf('</rim:RegistryObjectList>'))}</rim:RegistryObjectList>`,
    ),
    q1.replace('</query:AdhocQueryResponse>', '<rim:RegistryObjectList/></query:AdhocQueryResponse>'),
    `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>${q1}${q1}</soap:Body></soap:Envelope>`,
  ];
  edges.forEach((x, i) => meta(`edge${i}`, x));
  for (const [name, xml] of small) {
    meta(name, xml);
    xmlMutations(xml, 400).forEach((m, i) => meta(`${name}-mut${i}`, m));
  }

  const kos = (name: string, bytes: Buffer) => {
    out[name] = digest(validateKos(bytes, { artefact: 'm.dcm' }));
  };
  const base = manifestBytes(7, 200, 50);
  kos('kos-200', base);
  kos('kos-4000', manifestBytes(9999, 4000, 500));
  kosMutations(manifestBytes(3, 12, 5), 600).forEach((m, i) => kos(`kos-mut${i}`, m));
  // The directory path (shallow read, grouping, related files) on good and broken files.
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-snap-'));
  try {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let k = 0; k < 30; k++) writeFileSync(join(many, `m${k}.dcm`), manifestBytes(k % 20, 200, 50));
    kosMutations(base, 30).forEach((m, i) => writeFileSync(join(many, `x${i}.dcm`), m));
    out['kos-dir'] = digest(JSON.parse(JSON.stringify(validateKosPaths(listFiles([many]))).replaceAll(dir, 'DIR')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const [mode, file] = process.argv.slice(2);
if ((mode !== '--save' && mode !== '--check') || !file) {
  process.stderr.write('usage: findings-snapshot.ts --save|--check FILE\n');
  process.exit(2);
}
const now = snapshot();
if (mode === '--save') {
  writeFileSync(file, JSON.stringify(now, null, 1));
  const withFindings = Object.values(now).filter((v) => v !== '[]').length;
  process.stdout.write(`saved ${Object.keys(now).length} cases (${withFindings} with findings) to ${file}\n`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const diff = Object.keys({ ...before, ...now }).filter((k) => before[k] !== now[k]);
  process.stdout.write(diff.length ? `DIFFERENT: ${diff.join(', ')}\n` : `identical findings on ${Object.keys(now).length} cases\n`);
  process.exitCode = diff.length ? 1 : 0;
}
