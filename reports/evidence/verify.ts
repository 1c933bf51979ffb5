// Re-checks an evidence bundle offline: every object against its SHA-256, the manifest
// against its own canonical form, and the verdict recomputed from the stored step findings
// against the stored run. Pure reading: nothing here changes the bundle.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { bodyPartsProblem } from '../../model/body-parts.ts';
import type { Exchange } from '../../model/exchange.ts';
import { sortFindings } from '../../model/finding.ts';
import type { RunModel, TestResult } from '../../model/run.ts';
import { decide, type LabelFacts, type LabelPolicy } from '../label/decide.ts';
import { MANIFEST_FILE, OBJECTS_DIR, entriesDigest, objectPath, renderManifest, type Manifest, type ManifestEntry } from './manifest.ts';
import { countStates, planState, requirementVerdicts, stepStateFromFindings, testState } from '../../model/verdict.ts';
import type { StepRecord } from './writer.ts';

export interface VerifyResult {
  ok: boolean;
  /** One line per problem, naming the file or the verdict that differs. */
  mismatches: string[];
  evidenceDir: string;
  state?: string;
}

/** Stored alongside the policy so `verify` can recompute the label without the catalogue. */
export interface StoredPolicy {
  policy: LabelPolicy;
  facts: LabelFacts;
}

export async function verifyEvidence(dir: string): Promise<VerifyResult> {
  const evidenceDir = (await isFile(join(dir, MANIFEST_FILE))) ? dir : join(dir, 'evidence');
  const outDir = evidenceDir === dir ? undefined : dir;
  const mismatches: string[] = [];
  const done = (state?: string): VerifyResult => ({ ok: mismatches.length === 0, mismatches, evidenceDir, ...(state ? { state } : {}) });

  let manifest: Manifest;
  try {
    const text = await readFile(join(evidenceDir, MANIFEST_FILE), 'utf8');
    manifest = JSON.parse(text) as Manifest;
    if (manifest.format !== 'mcwg-evidence' || !Array.isArray(manifest.entries)) throw new Error('not an mcwg evidence manifest');
    if (entriesDigest(manifest.entries) !== manifest.digest) mismatches.push(`${MANIFEST_FILE}: digest does not match its entries`);
    else if (renderManifest(manifest.entries) !== text) mismatches.push(`${MANIFEST_FILE}: bytes differ from its canonical form`);
  } catch (err) {
    mismatches.push(`${MANIFEST_FILE}: unreadable (${err instanceof Error ? err.message : String(err)})`);
    return done();
  }

  const good = new Set<string>();
  for (const e of manifest.entries) {
    const file = objectPath(e.sha256);
    const actual = await hashFile(join(evidenceDir, file));
    if (!actual) mismatches.push(`${file}: missing (${e.kind} ${e.id})`);
    else if (actual.sha256 !== e.sha256) mismatches.push(`${file}: SHA-256 mismatch (${e.kind} ${e.id})`);
    else if (actual.size !== e.size) mismatches.push(`${file}: size ${actual.size}, manifest says ${e.size} (${e.kind} ${e.id})`);
    else good.add(e.sha256);
  }
  const listed = new Set(manifest.entries.map((e) => objectPath(e.sha256)));
  for (const f of await listFiles(join(evidenceDir, OBJECTS_DIR))) {
    const rel = `${OBJECTS_DIR}/${relative(join(evidenceDir, OBJECTS_DIR), f).split(sep).join('/')}`;
    if (!listed.has(rel)) mismatches.push(`${rel}: not listed in ${MANIFEST_FILE}`);
  }

  // A body recorded by parts (a multipart retrieve) must add up: framing plus parts equal its size.
  for (const e of manifest.entries.filter((x) => x.kind === 'exchange' && good.has(x.sha256))) {
    let ex: Exchange;
    try {
      ex = JSON.parse(await readFile(join(evidenceDir, objectPath(e.sha256)), 'utf8')) as Exchange;
    } catch {
      mismatches.push(`exchange ${e.id}: not JSON`);
      continue;
    }
    mismatches.push(...partsProblems(ex, e.id));
  }

  const runEntry = manifest.entries.find((e) => e.kind === 'run');
  if (!runEntry || !good.has(runEntry.sha256)) {
    mismatches.push('run.json: no intact copy in the evidence; verdict not recomputed');
    return done();
  }
  if (outDir && (await isFile(join(outDir, 'run.json')))) {
    const outRun = await hashFile(join(outDir, 'run.json'));
    if (outRun?.sha256 !== runEntry.sha256) mismatches.push('run.json: differs from the copy in the evidence');
  }
  const read = async <T>(e: ManifestEntry) => JSON.parse(await readFile(join(evidenceDir, objectPath(e.sha256)), 'utf8')) as T;
  const run = await read<RunModel>(runEntry);
  const records = new Map<string, StepRecord>();
  for (const e of manifest.entries.filter((x) => x.kind === 'findings' && good.has(x.sha256))) records.set(e.id, await read<StepRecord>(e));
  const policyEntry = manifest.entries.find((e) => e.kind === 'policy' && good.has(e.sha256));
  const policy = policyEntry ? await read<StoredPolicy>(policyEntry) : undefined;
  mismatches.push(...recheckVerdict(run, records, policy));
  return done(run.state);
}

/** Recomputes step, test, plan, requirement and label verdicts; returns what differs. */
export function recheckVerdict(run: RunModel, records: ReadonlyMap<string, StepRecord>, policy?: StoredPolicy): string[] {
  const out: string[] = [];
  const tests: TestResult[] = run.tests.map((t) => {
    const steps = t.steps.map((s) => {
      const rec = records.get(`${t.id}/${s.id}`);
      if (!rec) {
        out.push(`step ${t.id}/${s.id}: no validator output in the evidence`);
        return s;
      }
      if (JSON.stringify(sortFindings(rec.findings)) !== JSON.stringify(sortFindings(s.findings))) {
        out.push(`step ${t.id}/${s.id}: findings differ from the evidence`);
      }
      const state = rec.fromFindings ? stepStateFromFindings(rec.findings) : rec.state;
      if (state !== s.state) out.push(`step ${t.id}/${s.id}: stored ${s.state}, recomputed ${state}`);
      return { ...s, state, findings: rec.findings };
    });
    const state = testState(steps);
    if (state !== t.state) out.push(`test ${t.id}: stored ${t.state}, recomputed ${state}`);
    return { ...t, steps, state };
  });
  const state = planState(tests);
  if (state !== run.state) out.push(`plan: stored ${run.state}, recomputed ${state}`);
  const counts = countStates(tests);
  if (JSON.stringify(counts) !== JSON.stringify(run.counts))
    out.push(`counts: stored ${JSON.stringify(run.counts)}, recomputed ${JSON.stringify(counts)}`);
  const stored = new Map(run.requirements.map((r) => [r.id, r.state]));
  const again = requirementVerdicts(tests);
  for (const r of again) {
    if (stored.get(r.id) !== r.state) out.push(`requirement ${r.id}: stored ${stored.get(r.id) ?? 'absent'}, recomputed ${r.state}`);
  }
  for (const id of stored.keys()) if (!again.some((r) => r.id === id)) out.push(`requirement ${id}: stored but cited by no step`);
  if (run.labels && policy) {
    // Recomputed from the recomputed tests, as the engine decided: per role, credited tests only.
    const labels = decide(
      policy.policy,
      { sut: run.sut, incomplete: run.incomplete, relaxations: run.relaxations ?? [], tests },
      policy.facts,
    );
    const stored = new Map(run.labels.map((l) => [l.role, l.outcome]));
    for (const l of labels)
      if (stored.get(l.role) !== l.outcome) out.push(`label ${l.role}: stored ${stored.get(l.role) ?? 'absent'}, recomputed ${l.outcome}`);
    for (const role of stored.keys())
      if (!labels.some((l) => l.role === role)) out.push(`label ${role}: stored for a role the SUT does not declare`);
  } else if (run.labels) out.push('label: no policy in the evidence; label not recomputed');
  return out;
}

/** What does not add up in an exchange's bodies recorded by parts (model/body-parts.ts). */
export function partsProblems(ex: Exchange, id = ex.id): string[] {
  const out: string[] = [];
  for (const [side, p] of [
    ['request', ex.request],
    ['response', ex.response],
  ] as const) {
    if (!p?.parts) continue;
    const problem = bodyPartsProblem(p.parts, p.size);
    if (problem) out.push(`exchange ${id} ${side}: body recorded by parts does not add up: ${problem}`);
  }
  return out;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number } | undefined> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(createReadStream(file), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
      }
    });
  } catch {
    return undefined;
  }
  return { sha256: hash.digest('hex'), size };
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
