// sendParts against a response whose flushing the test controls: back-pressure (a socket that
// takes nothing stops the file reads) and fairness (a client that never fills the socket still
// lets the event loop turn), which a real loopback socket cannot show deterministically (its
// kernel buffers hold tens of MB).
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { layoutParts, sendParts } from './send-study.ts';
import type { InstanceRecord } from './store.ts';

const PART = 512 * 1024;
const COUNT = 40; // 20 MiB: more than the write-ahead (4 MiB) and the loop-turn interval (8 MiB)
let dir: string;
let instances: InstanceRecord[];
const contents: Buffer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-send-parts-'));
  instances = [];
  for (let k = 0; k < COUNT; k++) {
    const path = join(dir, `${k}.dcm`);
    const bytes = Buffer.alloc(PART, k);
    contents.push(bytes);
    await writeFile(path, bytes);
    instances.push({ path, size: PART, transferSyntax: '1.2.840.10008.1.2.1', sopClassUid: '1.2.3', sopInstanceUid: `1.2.3.${k}` });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A response whose write callbacks run only when the test flushes (or at once with `auto`). */
class HeldResponse extends EventEmitter {
  destroyed = false;
  writableEnded = false;
  readonly received: Buffer[] = [];
  /** Bytes written since the last flush, and the most ever waiting at once. */
  pending = 0;
  maxPending = 0;
  readonly #held: (() => void)[] = [];
  constructor(private readonly auto: boolean) {
    super();
  }
  cork(): void {}
  uncork(): void {}
  write(chunk: Uint8Array, cb?: () => void): boolean {
    // A copy: the sender may reuse its buffer once the callback ran, as with a real socket.
    this.received.push(Buffer.from(chunk));
    if (!this.auto) this.maxPending = Math.max(this.maxPending, (this.pending += chunk.length));
    if (cb) {
      if (this.auto) process.nextTick(cb);
      else this.#held.push(cb);
    }
    return this.auto;
  }
  flush(): void {
    this.pending = 0;
    for (const cb of this.#held.splice(0)) cb();
    this.emit('drain');
  }
  end(): void {
    this.writableEnded = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('sendParts', () => {
  test('a socket that flushes nothing stops the file reads after a few MiB; flushing lets it finish byte-exact', async () => {
    const res = new HeldResponse(false);
    const layout = layoutParts(instances, 'bp');
    let sentBytes = 0;
    const done = sendParts(res as unknown as ServerResponse, instances, layout, { onSent: (n) => (sentBytes += n) });
    let finished = false;
    void done.then(() => (finished = true));
    await settle();
    // The pool of part buffers (4 MiB of write-ahead, plus one) bounds what was read and handed over.
    const bound = 4 * 1024 * 1024 + 2 * (PART + 200);
    expect(finished).toBe(false);
    expect(sentBytes).toBeGreaterThan(0);
    expect(sentBytes).toBeLessThanOrEqual(bound);
    const stalledAt = sentBytes;
    await settle();
    expect(sentBytes).toBe(stalledAt);
    // Flushed a batch at a time, it goes on, never more than the bound ahead of the socket.
    for (let i = 0; i < 100 && !finished; i++) {
      res.flush();
      await settle();
    }
    const r = await done;
    expect(res.maxPending).toBeLessThanOrEqual(bound);
    expect(r.error).toBeUndefined();
    expect(r.sent).toBe(layout.length);
    const body = Buffer.concat(res.received);
    expect(body.length).toBe(layout.length);
    const want = Buffer.concat([...layout.heads.flatMap((h, k) => [h, contents[k]!]), layout.tail]);
    expect(body.equals(want)).toBe(true);
    expect(r.parts?.map((p) => p.sha256)).toEqual(contents.map((c) => createHash('sha256').update(c).digest('hex')));
  });

  test('a socket that never asks to wait: the event loop still turns during the body', async () => {
    const res = new HeldResponse(true);
    const layout = layoutParts(instances, 'bq');
    let turned = false;
    let sentWhenTurned = -1;
    let sentBytes = 0;
    setImmediate(() => {
      turned = true;
      sentWhenTurned = sentBytes;
    });
    const r = await sendParts(res as unknown as ServerResponse, instances, layout, { onSent: (n) => (sentBytes += n) });
    expect(r.sent).toBe(layout.length);
    expect(turned).toBe(true);
    // Turned part-way, not only after the whole 20 MiB.
    expect(sentWhenTurned).toBeGreaterThan(0);
    expect(sentWhenTurned).toBeLessThan(layout.length);
  });
});
