// RIS-001 / RIS-012: at least 100 malformed streams at socket level. Each gets a NAK (AR +
// ERR) or a close as MLLP says; the server never crashes and keeps serving others.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { MllpFramer, frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { MllpClient, readAck } from './client.ts';
import { startRis, type RisSimulator } from './server.ts';

const VT = Buffer.from([0x0b]);
const FS_CR = Buffer.from([0x1c, 0x0d]);
const good = (id: string) => Buffer.from(withField(oruR01(), 'MSH-10', id), 'utf8');

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

interface Case {
  name: string;
  bytes: Buffer;
  /** MSA-1 codes expected in order; undefined: any mix of AR NAKs (or none, if closed). */
  expect?: string[];
  /** Destroy instead of half-closing (abrupt reset). */
  abort?: boolean;
}

function corpus(): Case[] {
  const r = rng(42);
  const cases: Case[] = [];
  const garbage = (n: number) =>
    Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)).filter((b) => b !== 0x0b && b !== 0x1c));
  for (let i = 0; i < 15; i++) cases.push({ name: `no start block #${i}`, bytes: Buffer.concat([good(`N${i}`), FS_CR]), expect: ['AR'] });
  for (let i = 0; i < 15; i++) {
    const msg = good(`E${i}`);
    cases.push({
      name: `no end block, half-closed #${i}`,
      bytes: Buffer.concat([VT, msg.subarray(0, Math.floor(r() * msg.length) + 1)]),
      expect: ['AR'],
    });
  }
  for (let i = 0; i < 10; i++)
    cases.push({
      name: `no end block, then a good frame #${i}`,
      bytes: Buffer.concat([VT, good(`T${i}`), frameMllp(good(`G${i}`))]),
      expect: ['AR', 'AA'],
    });
  for (let i = 0; i < 20; i++) cases.push({ name: `garbage ${i}`, bytes: garbage(1 + Math.floor(r() * 5000)) });
  for (let i = 0; i < 10; i++)
    cases.push({ name: `garbage framed ${i}`, bytes: frameMllp(garbage(1 + Math.floor(r() * 3000))), expect: ['AR'] });
  const encodings = ['^^\\&', '^~', '', 'ABCD', '^~\\&\r', '^~\\&^'];
  encodings.forEach((enc, i) =>
    cases.push({
      name: `wrong encoding characters ${JSON.stringify(enc)}`,
      bytes: frameMllp(Buffer.from(`MSH|${enc}|RIS|H|GW|H|20250101||ORU^R01^ORU_R01|W${i}|P|2.5\rPID|1\r`)),
      expect: ['AR'],
    }),
  );
  cases.push({ name: 'field separator is CR', bytes: frameMllp(Buffer.from('MSH\r^~\\&\r')), expect: ['AR'] });
  for (let i = 0; i < 5; i++)
    cases.push({
      name: `invalid UTF-8 #${i}`,
      bytes: frameMllp(Buffer.concat([good(`U${i}`), Buffer.from([0xc0 + i, 0x20])])),
      expect: ['AR'],
    });
  cases.push({
    name: 'non-ASCII without MSH-18',
    bytes: frameMllp(Buffer.from(withField(oruR01(), 'MSH-18', '').replace('Dupont', 'Düpont'), 'latin1')),
    expect: ['AR'],
  });
  for (let i = 0; i < 5; i++)
    cases.push({
      name: `FS without CR #${i}`,
      bytes: Buffer.concat([VT, good(`F${i}`), Buffer.from([0x1c, 0x41 + i])]),
      expect: ['AR', 'AR'],
    }); // the frame, then the stray byte
  cases.push({ name: '10 MB frame', bytes: frameMllp(Buffer.concat([good('BIG'), Buffer.alloc(10 * 1024 * 1024, 0x41)])), expect: ['AR'] });
  cases.push({
    name: '10 MB frame, then a good one',
    bytes: Buffer.concat([frameMllp(Buffer.alloc(10 * 1024 * 1024, 0x41)), frameMllp(good('AFTER'))]),
    expect: ['AR', 'AA'],
  });
  for (let i = 0; i < 5; i++)
    cases.push({
      name: `empty frame #${i}`,
      bytes: Buffer.concat(Array.from({ length: i + 1 }, () => frameMllp(Buffer.alloc(0)))),
      expect: Array.from({ length: i + 1 }, () => 'AR'),
    });
  for (let i = 0; i < 5; i++)
    cases.push({
      name: `LF segment terminators #${i}`,
      bytes: frameMllp(Buffer.from(withField(oruR01(), 'MSH-10', `L${i}`).replace(/\r/g, '\n'))),
      expect: ['AE'],
    });
  for (let i = 0; i < 5; i++)
    cases.push({ name: `abrupt reset mid-frame #${i}`, bytes: Buffer.concat([VT, good(`R${i}`).subarray(0, 50 + i)]), abort: true });
  for (let i = 0; i < 5; i++) cases.push({ name: `NUL flood #${i}`, bytes: Buffer.alloc(1000 * (i + 1)) });
  cases.push({ name: 'only whitespace between frames', bytes: Buffer.from('\r\n\r\n'), expect: [] });
  cases.push({
    name: 'VT VT VT then a frame',
    bytes: Buffer.concat([VT, VT, VT, frameMllp(good('VV'))]),
    expect: ['AR', 'AR', 'AR', 'AA'],
  }); // three empty truncated frames
  cases.push({ name: 'segments without MSH', bytes: frameMllp(Buffer.from('PID|1\rOBR|1\r')), expect: ['AR'] });
  cases.push({
    name: 'lower-case segment',
    bytes: frameMllp(Buffer.from(withField(oruR01(), 'MSH-10', 'LC').replace('\rPID|', '\rpid|'))),
    expect: ['AR'],
  });
  return cases;
}

/** Writes the bytes, half-closes (or resets), and collects every reply until the server closes. */
function play(port: number, c: Case): Promise<{ codes: string[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const framer = new MllpFramer({ maxFrameBytes: 1 << 20 });
    const codes: string[] = [];
    s.on('data', (d: Buffer) => {
      for (const ev of framer.push(d)) if (ev.kind === 'frame') codes.push(readAck(ev.payload).code || '?');
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve({ codes, closed: true }));
    s.on('connect', () => {
      s.write(c.bytes, () => {
        if (c.abort) s.destroy();
        else s.end();
      });
    });
    setTimeout(() => reject(new Error(`${c.name}: server neither answered nor closed within 20 s`)), 20_000).unref();
  });
}

let ris: RisSimulator;
beforeAll(async () => {
  ris = await startRis({ port: 0 });
});
afterAll(() => ris.stop());

describe('RIS receiver under malformed streams', () => {
  const cases = corpus();

  test('the corpus holds at least 100 malformed streams', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  test('answers each with AR NAKs or a close, and a long-lived connection keeps getting AA', async () => {
    const steady = new MllpClient({ host: '127.0.0.1', port: ris.port });
    await steady.connect();
    const failures: string[] = [];
    for (let i = 0; i < cases.length; i += 10) {
      const batch = cases.slice(i, i + 10);
      const results = await Promise.all(batch.map((c) => play(ris.port, c)));
      results.forEach((res, k) => {
        const c = batch[k]!;
        if (!res.closed) failures.push(`${c.name}: not closed`);
        if (c.expect && JSON.stringify(res.codes) !== JSON.stringify(c.expect))
          failures.push(`${c.name}: got ${JSON.stringify(res.codes)}, want ${JSON.stringify(c.expect)}`);
        if (!c.expect && res.codes.some((x) => x !== 'AR')) failures.push(`${c.name}: non-AR reply ${JSON.stringify(res.codes)}`);
      });
      const ack = readAck(await steady.send(good(`STEADY${i}`)));
      if (ack.code !== 'AA' || ack.controlId !== `STEADY${i}`)
        failures.push(`steady connection after batch ${i}: ${ack.code} ${ack.controlId}`);
    }
    steady.close();
    expect(failures).toEqual([]);
  });

  test('accepts new connections after the corpus and records the rejected messages as evidence', async () => {
    const c = new MllpClient({ host: '127.0.0.1', port: ris.port });
    await c.connect();
    const ack = readAck(await c.send(good('LAST')));
    c.close();
    expect(ack.code).toBe('AA');
    const errors = ris.exchanges().filter((e) => e.error);
    expect(errors.length).toBeGreaterThanOrEqual(50);
    expect(errors.some((e) => /no VT 0x0B start block/.test(e.error!))).toBe(true);
    expect(errors.some((e) => /exceeds/.test(e.error!))).toBe(true);
  });

  test('closes a connection that keeps sending garbage after the error limit', async () => {
    const r = await new Promise<{ codes: number; closed: boolean }>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: ris.port });
      let codes = 0;
      s.on('data', (d: Buffer) => (codes += d.filter((b) => b === 0x0b).length));
      s.on('error', () => undefined);
      s.on('close', () => resolve({ codes, closed: true }));
      // Never half-close: the server must close on its own.
      const junk = Buffer.alloc(1000, 0x41);
      const timer = setInterval(() => s.writable && s.write(junk), 5);
      s.on('close', () => clearInterval(timer));
    });
    expect(r.closed).toBe(true);
    expect(r.codes).toBeLessThanOrEqual(10);
  });
});
