// Bounded excerpts of stored exchanges, for report.html: a reader of a failed test sees what
// was sent and answered without opening the bundle. Only the first bytes of each body are
// read (bodies may be many megabytes of DICOM); binary bodies are named, never dumped.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exchange, Payload } from '../../model/exchange.ts';
import type { RunModel } from '../../model/run.ts';
import { MANIFEST_FILE, objectPath, type Manifest, type ManifestEntry } from './manifest.ts';

/** Bytes of each body shown in the report. */
export const EXCERPT_BYTES = 4096;
/** Exchanges shown per report: enough for every failed step, bounded for a run gone wrong. */
export const EXCERPT_LIMIT = 40;

export interface BodyExcerpt {
  /** Start line: 'POST /xds/repository', 'HTTP 500', or the payload's own summary. */
  line: string;
  contentType: string;
  size: number;
  /** The first EXCERPT_BYTES as text, or null for a binary body. */
  text: string | null;
  /** Bytes not shown. */
  more: number;
}

export interface ExchangeExcerpt {
  id: string;
  transaction: string;
  from: string;
  to: string;
  error: string | null;
  request: BodyExcerpt;
  response: BodyExcerpt | null;
}

export type Excerpts = Readonly<Record<string, ExchangeExcerpt>>;

/** Evidence ids of failed and error tests, steps and findings, in report order, once each. */
export function failedEvidenceIds(run: RunModel): string[] {
  const ids = new Set<string>();
  for (const t of run.tests) {
    if (t.state !== 'fail' && t.state !== 'error') continue;
    for (const f of t.findings) for (const id of f.evidence ?? []) ids.add(id);
    for (const s of t.steps) {
      if (s.state !== 'fail' && s.state !== 'error') continue;
      for (const f of s.findings) for (const id of f.evidence ?? []) ids.add(id);
      for (const id of s.evidence) ids.add(id);
    }
    for (const id of t.evidence) ids.add(id);
  }
  return [...ids].slice(0, EXCERPT_LIMIT);
}

/**
 * Excerpts of the given exchanges from an evidence folder. An id that is not an exchange
 * (an attachment, a file name) or an object that cannot be read is left out: the report
 * still lists the id, it just has no body to show.
 */
export async function readExcerpts(evidenceDir: string, ids: readonly string[]): Promise<Record<string, ExchangeExcerpt>> {
  const manifest = JSON.parse(await readFile(join(evidenceDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const byKey = new Map(manifest.entries.map((e) => [`${e.kind}\u0000${e.id}`, e]));
  const out: Record<string, ExchangeExcerpt> = {};
  for (const id of ids) {
    const entry = byKey.get(`exchange\u0000${id}`);
    if (!entry) continue;
    try {
      const ex = JSON.parse(await readFile(join(evidenceDir, objectPath(entry.sha256)), 'utf8')) as Exchange;
      const body = (side: 'request' | 'response', p: Payload) =>
        bodyExcerpt(evidenceDir, p, byKey.get(`body\u0000${id}/${side}`), side === 'request' ? requestLine(p) : responseLine(p));
      out[id] = {
        id,
        transaction: ex.transaction,
        from: ex.from,
        to: ex.to,
        error: ex.error ?? (ex.unreachable ? `${ex.unreachable.endpoint}: ${ex.unreachable.how}` : null),
        request: await body('request', ex.request),
        response: ex.response ? await body('response', ex.response) : null,
      };
    } catch {
      // A damaged object is `evidence verify`'s business; the report shows the id alone.
    }
  }
  return out;
}

function requestLine(p: Payload): string {
  return p.method !== undefined || p.url !== undefined ? [p.method, p.url].filter(Boolean).join(' ') : (p.summary ?? 'request');
}

function responseLine(p: Payload): string {
  return p.status !== undefined ? `HTTP ${p.status}` : (p.summary ?? 'response');
}

async function bodyExcerpt(dir: string, p: Payload, stored: ManifestEntry | undefined, line: string): Promise<BodyExcerpt> {
  const contentType = p.contentType ?? stored?.contentType ?? '';
  let head: Buffer;
  let size: number;
  if (p.body !== undefined) {
    head = Buffer.from(p.body, 'utf8');
    size = head.length;
    head = head.subarray(0, EXCERPT_BYTES);
  } else if (stored) {
    size = stored.size;
    head = await readHead(join(dir, objectPath(stored.sha256)), EXCERPT_BYTES);
  } else {
    return { line, contentType, size: p.size, text: null, more: 0 };
  }
  const text = asText(head, contentType);
  return { line, contentType, size, text, more: text === null ? 0 : Math.max(0, size - head.length) };
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Text when the content type says so or the bytes look like text (multipart/related SOAP is
 * text around its XOP parts; HL7 has CR separators). A NUL or too many control bytes means
 * binary: DICOM would show as noise. A UTF-8 sequence cut at the end is dropped.
 */
export function asText(head: Buffer, contentType: string): string | null {
  if (/^(image|video|audio)\/|application\/(dicom|octet-stream|zip|gzip)/i.test(contentType)) return null;
  let controls = 0;
  for (const b of head) {
    if (b === 0) return null;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0b && b !== 0x1c) controls += 1;
  }
  if (controls > head.length / 20) return null;
  // HL7 segments end in CR alone: show them one per line.
  return new TextDecoder('utf-8', { fatal: false })
    .decode(head)
    .replace(/\uFFFD+$/, '')
    .replace(/\r(?!\n)/g, '\n');
}
