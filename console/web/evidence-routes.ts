// The evidence viewer: a run's exchanges listed and decoded, their raw bytes downloadable, and
// what `mcwg evidence verify` says about the bundle (the same function).
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Exchange, Payload } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import type { RunModel } from '../../model/run.ts';
import { MANIFEST_FILE, type Manifest, type ManifestEntry, objectPath } from '../../reports/evidence/manifest.ts';
import { verifyEvidence } from '../../reports/evidence/verify.ts';
import { visibleRun } from './access.ts';
import { type ConsoleDeps, ctx, notFound, sendPage } from './app.ts';
import { VIEW_BYTES, decodeBody } from './decode.ts';
import { renderPage } from './render.ts';
import { shortId } from './run-view.ts';

interface Bundle {
  dir: string;
  entries: Map<string, ManifestEntry>;
  manifest: Manifest;
}

async function bundleOf(outDir: string | undefined): Promise<Bundle | undefined> {
  if (!outDir) return undefined;
  const dir = join(outDir, 'evidence');
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    return { dir, manifest, entries: new Map(manifest.entries.map((e) => [`${e.kind}\u0000${e.id}`, e])) };
  } catch {
    return undefined;
  }
}

async function exchangeOf(b: Bundle, id: string): Promise<Exchange | undefined> {
  const entry = b.entries.get(`exchange\u0000${id}`);
  if (!entry) return undefined;
  try {
    return JSON.parse(await readFile(join(b.dir, objectPath(entry.sha256)), 'utf8')) as Exchange;
  } catch {
    return undefined;
  }
}

/** The body bytes of one side, at most `limit` of them, and the whole size. */
async function bodyOf(
  b: Bundle,
  id: string,
  side: 'request' | 'response',
  p: Payload,
  limit: number,
): Promise<{ bytes: Buffer; size: number } | undefined> {
  if (p.body !== undefined) {
    const all = Buffer.from(p.body, 'utf8');
    return { bytes: all.subarray(0, limit), size: all.length };
  }
  const entry = b.entries.get(`body\u0000${id}/${side}`);
  if (!entry) return undefined;
  const fh = await open(join(b.dir, objectPath(entry.sha256)), 'r');
  try {
    const buf = Buffer.alloc(Math.min(limit, entry.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), size: entry.size };
  } finally {
    await fh.close();
  }
}

/** Findings of the run that name this exchange, as evidence or as their artefact. */
function findingsOn(run: RunModel | undefined, id: string): Finding[] {
  if (!run) return [];
  const all = run.tests.flatMap((t) => [...t.findings, ...t.steps.flatMap((s) => s.findings)]);
  const seen = new Set<string>();
  return all.filter((f) => {
    if (!(f.evidence?.includes(id) || f.location.artefact === id)) return false;
    const key = `${f.ruleId}\u0000${f.message}\u0000${f.location.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const line = (p: Payload | undefined, side: 'request' | 'response'): string =>
  !p
    ? '(none)'
    : side === 'request'
      ? [p.method, p.url].filter(Boolean).join(' ') || p.summary || 'request'
      : p.status !== undefined
        ? `HTTP ${p.status}`
        : (p.summary ?? 'response');

export function registerEvidenceRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/runs/:id/evidence', async (req, reply) => {
    const found = await visibleRun(deps, req.user!, (req.params as { id: string }).id);
    if (!found) return notFound(req, reply);
    const b = await bundleOf(found.run.outDir);
    if (!b) return notFound(req, reply);
    const exchanges = [];
    for (const e of b.manifest.entries.filter((x) => x.kind === 'exchange')) {
      const ex = await exchangeOf(b, e.id);
      if (ex)
        exchanges.push({
          id: ex.id,
          transaction: ex.transaction,
          from: ex.from,
          to: ex.to,
          request: line(ex.request, 'request'),
          response: line(ex.response, 'response'),
        });
    }
    const verify = await verifyEvidence(found.run.outDir!);
    return sendPage(
      reply,
      renderPage('evidence', 'Evidence', ctx(req), {
        run: { ...found.run, shortId: shortId(found.run.id) },
        verify,
        exchanges,
        attachments: b.manifest.entries.filter((x) => x.kind === 'attachment'),
      }),
    );
  });

  app.get('/runs/:id/evidence/:exchange', async (req, reply) => {
    const { id, exchange } = req.params as { id: string; exchange: string };
    const found = await visibleRun(deps, req.user!, id);
    const b = found && (await bundleOf(found.run.outDir));
    const ex = b && (await exchangeOf(b, exchange));
    if (!found || !b || !ex) return notFound(req, reply);
    const model = found.run.runJson ? (JSON.parse(found.run.runJson) as RunModel) : undefined;
    const findings = findingsOn(model, ex.id);
    const paths = findings.map((f) => f.location.path);
    const sides = [];
    for (const side of ['request', 'response'] as const) {
      const p = ex[side];
      if (!p) continue;
      const body = await bodyOf(b, ex.id, side, p, VIEW_BYTES);
      const contentType = p.contentType ?? p.headers?.['content-type'] ?? '';
      const view = body ? await decodeBody(body.bytes, contentType, paths) : undefined;
      sides.push({
        name: side,
        line: line(p, side),
        contentType,
        size: body?.size ?? p.size,
        shown: body?.bytes.length ?? 0,
        truncated: body ? body.bytes.length < body.size : false,
        raw: body ? `/runs/${found.run.id}/evidence/${encodeURIComponent(ex.id)}/${side}` : undefined,
        headers: Object.entries(p.headers ?? {}).map(([name, value]) => ({ name, value })),
        ...(view ?? {}),
      });
    }
    return sendPage(
      reply,
      renderPage('exchange', `${ex.transaction} ${ex.id}`, ctx(req), {
        run: { ...found.run, shortId: shortId(found.run.id) },
        exchange: { ...ex, error: ex.error ?? (ex.unreachable ? `${ex.unreachable.endpoint}: ${ex.unreachable.how}` : undefined) },
        findings,
        sides,
      }),
    );
  });

  app.get('/runs/:id/evidence/:exchange/:side', async (req, reply) => {
    const { id, exchange, side } = req.params as { id: string; exchange: string; side: string };
    if (side !== 'request' && side !== 'response') return notFound(req, reply);
    const found = await visibleRun(deps, req.user!, id);
    const b = found && (await bundleOf(found.run.outDir));
    const ex = b && (await exchangeOf(b, exchange));
    const p = ex?.[side];
    if (!b || !ex || !p) return notFound(req, reply);
    const stored = b.entries.get(`body\u0000${ex.id}/${side}`);
    if (p.body === undefined && !stored) return notFound(req, reply);
    // Never rendered in our origin: a stored body is whatever a SUT sent. Streamed: bodies may be large.
    return reply
      .header('content-disposition', `attachment; filename="${ex.id.replace(/[^\w.-]/g, '_')}-${side}.bin"`)
      .type('application/octet-stream')
      .send(p.body !== undefined ? Buffer.from(p.body, 'utf8') : createReadStream(join(b.dir, objectPath(stored!.sha256))));
  });
}
