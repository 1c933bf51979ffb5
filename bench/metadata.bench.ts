// Metadata validation vs `xmllint --noout` on the same files in one run: a 1,000-document
// ITI-41 ProvideAndRegister and a 5,000-entry AdhocQueryResponse. Target (issue 5): our full
// validation takes at most 3x the time xmllint needs merely to parse.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformantQueryResponse } from '../fixtures/builders/ebrim-query-response.ts';
import { conformantSubmission } from '../fixtures/builders/ebrim-submission.ts';
import { writeAdhocQueryResponse, writeProvideAndRegister } from '../protocols/ebrim/index.ts';
import { validateEbrimXml } from '../validators/metadata/validate-ebrim.ts';
import { peerAvailable } from '../fixtures/peers.ts';
import type { Bench, BenchRow } from './harness.ts';

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeOurs(file: string): { ms: number; findings: number } {
  let findings = 0;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    // Reading the file is part of the job, as it is for xmllint.
    findings = validateEbrimXml(readFileSync(file), file).findings.length;
    times.push(performance.now() - t0);
  }
  return { ms: median(times), findings };
}

function timeXmllint(file: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync('xmllint', ['--noout', '--huge', file]);
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`xmllint failed on ${file}: ${r.stderr.toString()}`);
  }
  return median(times);
}

const bench: Bench = {
  name: 'metadata validation vs xmllint --noout',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-meta-bench-'));
    try {
      const cases: [string, string][] = [
        ['ITI-41 with 1,000 documents', writeProvideAndRegister(conformantSubmission(1000))],
        ['AdhocQueryResponse with 5,000 entries', writeAdhocQueryResponse(conformantQueryResponse(5000))],
      ];
      const rows: BenchRow[] = [];
      const peer = peerAvailable('xmllint');
      for (const [name, xml] of cases) {
        const file = join(dir, `${name.replace(/\W+/g, '-')}.xml`);
        writeFileSync(file, xml);
        validateEbrimXml(readFileSync(file), file); // warm-up: JIT and value-set loading
        const ours = timeOurs(file);
        const theirs = peer ? timeXmllint(file) : null;
        log(`${name}: ${(xml.length / 1024 / 1024).toFixed(1)} MiB, ${ours.findings} findings, ours/xmllint = ${theirs ? (ours.ms / theirs).toFixed(2) : 'n/a'}`);
        rows.push({
          name,
          ours: ours.ms,
          peer: theirs,
          peerName: 'xmllint --noout',
          unit: 'ms',
          better: 'lower',
          ...(theirs !== null ? { target: 3 * theirs, note: `ours/xmllint ${(ours.ms / theirs).toFixed(2)} (target <= 3)` } : {}),
        });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
