// Issue 16 item 4: a frame that never ends is NAKed and closed after the frame timeout; a silent
// connection is closed after the idle timeout; NUL bytes are refused with AR; MSA-2 echoes at
// most the 20 characters HL7 v2.5.1 gives the Message Control ID.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { startRis, type RisSimulator } from './server.ts';

let ris: RisSimulator;

beforeAll(async () => {
  ris = await startRis({ frameTimeoutMs: 300, idleTimeoutMs: 600 });
});
afterAll(() => ris?.stop());

/** Writes bytes, keeps the connection open; resolves with what came back and when it closed. */
function exchange(bytes: Buffer, waitMs = 5_000): Promise<{ text: string; closedAfterMs?: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sock = net.connect(ris.port, ris.host, () => sock.write(bytes));
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1') });
    }, waitMs);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedAfterMs: Date.now() - t0 });
    });
  });
}

const msa = (text: string) => /\rMSA\|([A-Z]{2})\|([^|\r]*)/.exec(text);

describe('MLLP timeouts, NUL and echoed lengths', () => {
  test('a frame begun and never ended gets an AR NAK, then the connection closes after the frame timeout', async () => {
    const r = await exchange(Buffer.concat([Buffer.from([0x0b]), Buffer.from(oruR01())]));
    expect(msa(r.text)?.[1]).toBe('AR');
    expect(r.text).toContain('within 300 ms');
    expect(r.closedAfterMs).toBeDefined();
    expect(r.closedAfterMs!).toBeGreaterThanOrEqual(250);
    expect(r.closedAfterMs!).toBeLessThan(3_000);
  });

  test('an idle connection is closed after the idle timeout; one that sent whole frames is not cut by the frame timeout', async () => {
    const r = await exchange(frameMllp(oruR01()));
    expect(msa(r.text)?.[1]).toMatch(/^(AA|CA)$/);
    expect(r.closedAfterMs).toBeDefined();
    expect(r.closedAfterMs!).toBeGreaterThanOrEqual(550);
  });

  test('a NUL byte inside a field is refused with AR and an ERR naming its place', async () => {
    const text = oruR01();
    const at = text.indexOf('\rPID|') + 10;
    const r = await exchange(frameMllp(Buffer.from(text.slice(0, at) + '\0' + text.slice(at), 'latin1')), 2_000);
    expect(msa(r.text)?.[1]).toBe('AR');
    expect(r.text).toMatch(/\rERR\|\|PID\^1\^\d+/);
    expect(r.text).toContain('NUL byte');
  });

  test('a 1 MB control ID is echoed cut to 20 characters in MSA-2 (and ACK-prefixed in MSH-10 within 199)', async () => {
    const r = await exchange(frameMllp(withField(oruR01(), 'MSH-10', 'C'.repeat(1_000_000))), 5_000);
    const m = msa(r.text);
    expect(m?.[1]).toMatch(/^A[AER]$/);
    expect(m?.[2]).toBe('C'.repeat(20));
    expect(r.text.length).toBeLessThan(20_000);
  });

  test('an ordinary control ID is echoed whole', async () => {
    const r = await exchange(frameMllp(withField(oruR01(), 'MSH-10', 'MSG-12345')), 2_000);
    expect(msa(r.text)?.[2]).toBe('MSG-12345');
  });
});
