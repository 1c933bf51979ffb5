import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bodySha256, type BodyParts } from '../../model/body-parts.ts';
import type { RunModel } from '../../model/run.ts';
import { encodeMultipart } from '../../protocols/multipart/index.ts';
import { finalizeRun } from '../../suites/engine/finalize-run.ts';
import { definePlan } from '../../suites/engine/dsl.ts';
import { runPlan } from '../../suites/engine/run-plan.ts';
import { TOOL, finding, pickIds, scriptedSimulator, sut } from '../../suites/engine/scripted.ts';

const R = pickIds();
import { parsePolicy } from '../../suites/policies/load-policy.ts';
import { recheckVerdict, type StoredPolicy, verifyEvidence } from './verify.ts';
import { EvidenceWriter, type StepRecord } from './writer.ts';
import { objectPath, type Manifest } from './manifest.ts';

let root: string;
let pristine: string;

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function copyTree(from: string, to: string): void {
  for (const f of listAll(from)) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    writeFileSync(join(to, f), readFileSync(join(from, f)));
  }
}

/** A run against a scripted SUT: one passing step with a matched exchange and a big streamed body, one failing step. */
async function makeBundle(out: string): Promise<RunModel> {
  const writer = new EvidenceWriter(join(out, 'evidence'));
  const sim = scriptedSimulator();
  sim.record({ id: 'ex-1', transaction: 'RAD-68', request: { size: 5, body: 'hello', contentType: 'text/plain' } });
  const plan = definePlan({
    id: 'demo',
    version: '1.0.0',
    title: 'Demo',
    groups: [
      {
        id: 'g',
        title: 'G',
        tests: [
          {
            id: 'publish',
            title: 'Publish',
            verifies: [R.c],
            steps: [
              {
                id: 'receive',
                title: 'Receive',
                verifies: [R.a],
                async run(ctx) {
                  const ex = await ctx.waitFor({ transaction: 'RAD-68', timeoutMs: 60_000, instructions: 'Publish' });
                  // A 3 MiB body arrives as a stream of chunks and is hashed on the way to disk.
                  const chunks = Array.from({ length: 48 }, (_, i) => Buffer.alloc(64 * 1024, i));
                  await ctx.evidence.attach('study.bin', Readable.from(chunks), 'application/octet-stream');
                  return ctx.fromFindings([finding([R.a], 'warning')], [ex.id]);
                },
              },
            ],
          },
          {
            id: 'kos',
            title: 'KOS',
            verifies: [R.b],
            steps: [{ id: 'check', title: 'Check', verifies: [], run: (ctx) => ctx.fromFindings([finding([R.b])]) }],
          },
        ],
      },
    ],
  });
  const run = await runPlan(plan, { sut: sut(), tool: TOOL, simulators: { xds: sim }, evidence: writer, pollMs: 5 });
  const policy = parsePolicy(
    `policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: Imaging Document Source\n    require: [${R.a}, ${R.b}, ${R.c}]\n    waivers:\n      - id: ${R.b}\n        reason: accepted for this demonstration run\n`,
    'p.yaml',
  );
  const done = await finalizeRun(run, { sut: sut(), policy, evidence: writer });
  writeFileSync(join(out, 'run.json'), done.runJson);
  return done.run;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mcwg-evidence-'));
  pristine = join(root, 'pristine');
  await makeBundle(pristine);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('evidence bundle', () => {
  test('a fresh bundle verifies: every hash matches and the recomputed verdict equals the stored one', async () => {
    const res = await verifyEvidence(pristine);
    expect(res.mismatches).toEqual([]);
    expect(res.ok).toBe(true);
    expect(res.state).toBe('fail');
    const run = JSON.parse(readFileSync(join(pristine, 'run.json'), 'utf8')) as RunModel;
    expect(run.labels).toMatchObject([
      { outcome: 'granted', required: [{ id: R.a }, { id: R.b, waived: { reason: 'accepted for this demonstration run' } }, { id: R.c }] },
    ]);
    expect(run.tests[0]!.steps[0]!.evidence).toEqual(['ex-1', 'study.bin']);
  });

  test('stores each body once, named by its SHA-256, and the exchange by reference', async () => {
    const manifest = JSON.parse(readFileSync(join(pristine, 'evidence/manifest.json'), 'utf8')) as {
      entries: { kind: string; id: string; sha256: string; size: number }[];
    };
    const body = manifest.entries.find((e) => e.kind === 'body' && e.id === 'ex-1/request')!;
    expect(body.size).toBe(5);
    expect(readFileSync(join(pristine, 'evidence/objects', body.sha256.slice(0, 2), body.sha256), 'utf8')).toBe('hello');
    const ex = manifest.entries.find((e) => e.kind === 'exchange' && e.id === 'ex-1')!;
    const stored = JSON.parse(readFileSync(join(pristine, 'evidence/objects', ex.sha256.slice(0, 2), ex.sha256), 'utf8')) as {
      request: Record<string, unknown>;
    };
    expect(stored.request).toEqual({ size: 5, contentType: 'text/plain', sha256: body.sha256 });
    expect(manifest.entries.find((e) => e.id === 'study.bin')?.size).toBe(48 * 64 * 1024);
  });

  test('detects a one-byte change in any file of the bundle, and names the file', async () => {
    const files = [...listAll(join(pristine, 'evidence')).map((f) => `evidence/${f}`), 'run.json'];
    expect(files.length).toBeGreaterThan(8);
    for (const [i, f] of files.entries()) {
      const dir = join(root, `tamper-${i}`);
      copyTree(pristine, dir);
      const bytes = readFileSync(join(dir, f));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(join(dir, f), bytes);
      const res = await verifyEvidence(dir);
      expect(res.ok, f).toBe(false);
      const name = f === 'run.json' || f === 'evidence/manifest.json' ? f.replace('evidence/', '') : relative('evidence', f);
      expect(res.mismatches.join('\n'), f).toContain(name);
    }
  });

  test('a retrieve recorded by parts verifies when framing and parts add up to its size, and is named when not', async () => {
    // The pristine bundle's objects again, plus two WADO-RS retrieves recorded by parts
    // (model/body-parts.ts): one whose size is that of the bytes a multipart writer produces
    // for those parts, one that claims a byte more.
    const dir = join(root, 'parts');
    const writer = new EvidenceWriter(join(dir, 'evidence'));
    const manifest = JSON.parse(readFileSync(join(pristine, 'evidence/manifest.json'), 'utf8')) as Manifest;
    for (const e of manifest.entries)
      if (e.kind !== 'run')
        await writer.putObject(e.kind, e.id, readFileSync(join(pristine, 'evidence', objectPath(e.sha256))), e.contentType);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const files = [Buffer.from('DICM one'), Buffer.alloc(1000, 7)];
    const parts: BodyParts = {
      boundary: 'mcwg-0123abcd',
      parts: files.map((b) => ({ contentType: 'application/dicom; transfer-syntax=1.2.840.10008.1.2.1', size: b.length, sha256: sha(b) })),
    };
    const wire = await encodeMultipart(
      files.map((b, k) => ({ headers: { 'Content-Type': parts.parts[k]!.contentType, 'Content-Length': String(b.length) }, body: b })),
      parts.boundary,
    );
    const retrieve = (id: string, size: number) => ({
      id,
      at: '2026-01-01T00:00:00.000Z',
      transaction: 'RAD-107',
      from: 'http://127.0.0.1:1',
      to: 'http://127.0.0.1:2',
      request: { size: 0, method: 'GET', url: '/dicom-web/studies/1.2.3' },
      response: { status: 200, size, parts },
    });
    await writer.addExchange(retrieve('rad107-ok', wire.length));
    await writer.addExchange(retrieve('rad107-bad', wire.length + 1));
    const runJson = readFileSync(join(pristine, 'run.json'), 'utf8');
    await writer.finish(runJson);
    writeFileSync(join(dir, 'run.json'), runJson);
    expect((await verifyEvidence(dir)).mismatches).toEqual([
      `exchange rad107-bad response: body recorded by parts does not add up: size ${wire.length + 1}, while the framing and the 2 part(s) add up to ${wire.length}`,
    ]);
    // Whoever holds the parts' bytes rebuilds the SHA-256 of the whole body from the record.
    expect(bodySha256(parts, files)).toBe(sha(wire));
  });

  test('flags a file added under objects/ that the manifest does not list', async () => {
    const dir = join(root, 'extra');
    copyTree(pristine, dir);
    mkdirSync(join(dir, 'evidence/objects/zz'), { recursive: true });
    writeFileSync(join(dir, 'evidence/objects/zz/planted'), 'x');
    expect((await verifyEvidence(dir)).mismatches).toEqual(['objects/zz/planted: not listed in manifest.json']);
  });

  test('recomputes the verdict from the stored findings and names each difference', () => {
    const run = JSON.parse(readFileSync(join(pristine, 'run.json'), 'utf8')) as RunModel;
    const records = new Map<string, StepRecord>(
      run.tests.flatMap((t) =>
        t.steps.map(
          (s) => [`${t.id}/${s.id}`, { testId: t.id, stepId: s.id, state: s.state, fromFindings: true, findings: s.findings }] as const,
        ),
      ),
    );
    expect(recheckVerdict(run, records)).toEqual(['label: no policy in the evidence; label not recomputed']);
    const forged: RunModel = { ...run, state: 'pass', tests: run.tests.map((t) => (t.id === 'kos' ? { ...t, state: 'pass' } : t)) };
    expect(recheckVerdict(forged, records).slice(0, 2)).toEqual([
      'test kos: stored pass, recomputed fail',
      'plan: stored pass, recomputed fail',
    ]);
  });

  test("recomputes every role's label, and a run that became not eligible is caught", async () => {
    const run = JSON.parse(readFileSync(join(pristine, 'run.json'), 'utf8')) as RunModel;
    const records = new Map<string, StepRecord>(
      run.tests.flatMap((t) =>
        t.steps.map(
          (s) => [`${t.id}/${s.id}`, { testId: t.id, stepId: s.id, state: s.state, fromFindings: true, findings: s.findings }] as const,
        ),
      ),
    );
    const manifest = JSON.parse(readFileSync(join(pristine, 'evidence/manifest.json'), 'utf8')) as {
      entries: { kind: string; sha256: string }[];
    };
    const sha = manifest.entries.find((e) => e.kind === 'policy')!.sha256;
    const policy = JSON.parse(readFileSync(join(pristine, 'evidence/objects', sha.slice(0, 2), sha), 'utf8')) as StoredPolicy;
    expect(recheckVerdict(run, records, policy)).toEqual([]);
    // A relaxation hidden behind a granted label, and a label for a role nobody declared.
    const forged: RunModel = {
      ...run,
      relaxations: ['localTestSetup: loopback http accepted'],
      labels: [...run.labels!, { ...run.labels![0]!, role: 'RIS' }],
    };
    expect(recheckVerdict(forged, records, policy)).toEqual([
      'label Imaging Document Source: stored granted, recomputed not-eligible',
      'label RIS: stored for a role the SUT does not declare',
    ]);
  });
});
