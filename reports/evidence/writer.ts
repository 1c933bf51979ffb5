// Writes the evidence bundle: every exchange, every body and every validator output, each
// stored once under objects/ by the SHA-256 of its bytes. Bodies are streamed through the
// hash into a temporary file and renamed, never held whole in memory.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Exchange, Payload } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import type { TestState } from '../../model/run.ts';
import { MANIFEST_FILE, OBJECTS_DIR, objectPath, renderManifest, type EntryKind, type ManifestEntry } from './manifest.ts';

/** Bytes to store: inline text or bytes, a stream, or a file to copy. */
export type BodySource = string | Uint8Array | AsyncIterable<Uint8Array | string> | { file: string };

export interface ExchangeBodies {
  request?: BodySource;
  response?: BodySource;
}

/** A step's validator output, stored so the verdict can be recomputed offline. */
export interface StepRecord {
  testId: string;
  stepId: string;
  state: TestState;
  /** The state was derived from the findings alone (ctx.fromFindings). */
  fromFindings: boolean;
  findings: Finding[];
}

export class EvidenceWriter {
  readonly #entries = new Map<string, ManifestEntry>();
  readonly #exchanges = new Set<string>();

  constructor(readonly dir: string) {}

  async putObject(kind: EntryKind, id: string, source: BodySource, contentType?: string): Promise<ManifestEntry> {
    const tmpDir = join(this.dir, OBJECTS_DIR, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(toStream(source), tap, createWriteStream(tmp));
      const sha256 = hash.digest('hex');
      const final = join(this.dir, objectPath(sha256));
      await mkdir(dirname(final), { recursive: true });
      if (await exists(final)) await rm(tmp);
      else await rename(tmp, final);
      const entry: ManifestEntry = { kind, id, sha256, size, ...(contentType === undefined ? {} : { contentType }) };
      this.#entries.set(`${kind}\u0000${id}\u0000${sha256}`, entry);
      return entry;
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  hasExchange(id: string): boolean {
    return this.#exchanges.has(id);
  }

  /** Stores the exchange (bodies by hash) once; later calls with the same id are ignored. */
  async addExchange(ex: Exchange, bodies: ExchangeBodies = {}): Promise<Exchange> {
    if (this.#exchanges.has(ex.id)) return ex;
    this.#exchanges.add(ex.id);
    const request = await this.#payload(ex.id, 'request', ex.request, bodies.request);
    const response = ex.response ? await this.#payload(ex.id, 'response', ex.response, bodies.response) : undefined;
    const stored: Exchange = { ...ex, request, ...(response ? { response } : {}) };
    await this.putObject('exchange', ex.id, JSON.stringify(stored), 'application/json');
    return stored;
  }

  async addStep(rec: StepRecord): Promise<void> {
    await this.putObject('findings', `${rec.testId}/${rec.stepId}`, JSON.stringify(rec), 'application/json');
  }

  async addAttachment(name: string, source: BodySource, contentType?: string): Promise<ManifestEntry> {
    return this.putObject('attachment', name, source, contentType);
  }

  /** The label policy as plain data, so the label decision can be recomputed offline. */
  async addPolicy(data: unknown): Promise<void> {
    await this.putObject('policy', 'policy', JSON.stringify(data), 'application/json');
  }

  /** Stores the run document (the exact bytes of run.json) and writes the manifest. */
  async finish(runJson: string): Promise<string> {
    await this.putObject('run', 'run.json', runJson, 'application/json');
    await rm(join(this.dir, OBJECTS_DIR, 'tmp'), { recursive: true, force: true });
    const file = join(this.dir, MANIFEST_FILE);
    await writeFile(file, renderManifest([...this.#entries.values()]));
    return file;
  }

  async #payload(exId: string, side: 'request' | 'response', p: Payload, source: BodySource | undefined): Promise<Payload> {
    const body = source ?? p.body;
    if (body === undefined) return p;
    const entry = await this.putObject('body', `${exId}/${side}`, body, p.contentType);
    const { body: _inline, ...rest } = p;
    return { ...rest, size: entry.size, sha256: entry.sha256 };
  }
}

function toStream(source: BodySource): Readable {
  if (typeof source === 'string' || source instanceof Uint8Array) return Readable.from([Buffer.from(source)]);
  if ('file' in source) return createReadStream(source.file);
  return Readable.from(source);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
