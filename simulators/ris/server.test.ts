import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HL7_FIXTURES, oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { MllpClient, readAck, sendHl7 } from './client.ts';
import { startRis, type RisSimulator } from './server.ts';

let ris: RisSimulator;
beforeAll(async () => {
  ris = await startRis({ port: 0 });
});
afterAll(() => ris.stop());

describe('startRis', () => {
  test('listens on a free loopback port and reports it in its url', () => {
    expect(ris.port).toBeGreaterThan(0);
    expect(ris.url).toBe(`mllp://127.0.0.1:${ris.port}`);
  });

  test('ACKs every message type the sender emits, in order, on one connection', async () => {
    const msgs = Object.values(HL7_FIXTURES).map((f, i) => withField(f(), 'MSH-10', `C${i}`));
    const r = await sendHl7({ host: ris.host, port: ris.port }, msgs);
    expect(r.acks.map((a) => [a.code, a.controlId])).toEqual(msgs.map((_, i) => ['AA', `C${i}`]));
    expect(r.exchanges.map((e) => e.transaction)).toEqual(Object.keys(HL7_FIXTURES).map((k) => `HL7 ${k}`));
  });

  test('records each message in and its ACK out as an exchange with hashes', async () => {
    const before = ris.exchanges().length;
    await sendHl7({ host: ris.host, port: ris.port }, [withField(oruR01(), 'MSH-10', 'EVID1')]);
    const ex = ris.exchanges().slice(before);
    expect(ex).toHaveLength(1);
    expect(ex[0]).toMatchObject({
      transaction: 'HL7 ORU^R01',
      to: ris.url,
      request: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      response: { summary: expect.stringContaining('ACK^R01^ACK') },
    });
    expect(ex[0]!.request.body).toContain('EVID1');
    expect(ex[0]!.response!.body).toContain('MSA|AA|EVID1');
  });

  test('answers AE with ERR for a report that fails validation', async () => {
    const r = await sendHl7({ host: ris.host, port: ris.port }, [withField(oruR01(), 'OBR-25', '')]);
    expect(r.acks[0]).toMatchObject({ code: 'AE', controlId: 'MSG0001' });
    expect(r.acks[0]!.errors.join(' ')).toContain('OBR-25');
  });

  test('answers both frames when two arrive in one TCP write', async () => {
    const c = new MllpClient({ host: ris.host, port: ris.port });
    await c.connect();
    const first = c.next();
    const s = (c as unknown as { socket: net.Socket }).socket;
    s.write(Buffer.concat([frameMllp(withField(oruR01(), 'MSH-10', 'X1')), frameMllp(withField(oruR01(), 'MSH-10', 'X2'))]));
    const a1 = readAck(await first);
    const a2 = readAck(await c.next());
    c.close();
    expect([a1.controlId, a2.controlId]).toEqual(['X1', 'X2']);
  });

  test('sends accept and application ACKs in enhanced mode', async () => {
    const c = new MllpClient({ host: ris.host, port: ris.port });
    await c.connect();
    const m = withField(withField(oruR01(), 'MSH-15', 'AL'), 'MSH-16', 'AL');
    const accept = readAck(await c.send(Buffer.from(m)));
    const app = readAck(await c.next());
    c.close();
    expect([accept.code, app.code]).toEqual(['CA', 'AA']);
  });

  test('reports a refused connection as an exchange error, not a throw', async () => {
    const r = await sendHl7({ host: '127.0.0.1', port: 1 }, [oruR01()]);
    expect(r.acks).toEqual([]);
    expect(r.exchanges[0]!.error).toMatch(/connect failed/);
  });
});
