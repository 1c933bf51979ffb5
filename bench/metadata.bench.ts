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

const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function oursOnce(file: string): { ms: number; findings: number } {
  const t0 = performance.now();
  // Reading the file is part of the job, as it is for xmllint.
  const findings = validateEbrimXml(readFileSync(file), file).findings.length;
  return { ms: performance.now() - t0, findings };
}

function xmllintOnce(file: string): number {
  const t0 = performance.now();
  const r = spawnSync('xmllint', ['--noout', '--huge', file]);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`xmllint failed on ${file}: ${r.stderr.toString()}`);
  return ms;
}

/** Runs alternate (ours, xmllint, ours, …) so load swings on a shared machine hit both alike. */
function measure(file: string, peer: boolean): { ours: number; theirs: number | null; findings: number } {
  const ours: number[] = [];
  const theirs: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const o = oursOnce(file);
    ours.push(o.ms);
    findings = o.findings;
    if (peer) theirs.push(xmllintOnce(file));
  }
  return { ours: median(ours), theirs: peer ? median(theirs) : null, findings };
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
        const m = measure(file, peer);
        const theirs = m.theirs;
        const ours = { ms: m.ours };
        log(
          `${name}: ${(xml.length / 1024 / 1024).toFixed(1)} MiB, ${m.findings} findings, ours/xmllint = ${theirs ? (ours.ms / theirs).toFixed(2) : 'n/a'}`,
        );
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
