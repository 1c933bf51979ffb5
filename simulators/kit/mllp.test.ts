import net from 'node:net';
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { defineMllpSimulator, firstLine, peekMessageType, startMllp } from './mllp.ts';

// A minimal table: every frame answered with a fixed ACK naming its control id.
const sim = defineMllpSimulator({
  name: 'echo-ack',
  rows: [],
  unmatched: (bytes) => ({
    transaction: `HL7 ${peekMessageType(bytes)}`,
    acks: [
      Buffer.from(`MSH|^~\\&|S|F|||20260101||ACK|A|P|2.5\rMSA|AA|${/\|(M\d+)\|/.exec(bytes.toString('latin1'))?.[1] ?? ''}\r`, 'latin1'),
    ],
  }),
  framingError: () => ({ transaction: 'HL7 (framing error)', acks: [] }),
  print: ['HL7v2'],
});
const msg = (i: number) => Buffer.from(`MSH|^~\\&|A|B|C|D|20260101||ORU^R01^ORU_R01|M${i}|P|2.5\rPID|1\r`, 'latin1');

describe('MLLP kit: evidence off the ACK path', () => {
  test('every message pipelined on one connection is acknowledged in order and recorded once, in order', async () => {
    const persisted: Exchange[] = [];
    const server = await startMllp(sim, { store: { recordExchanges: async (l) => void persisted.push(...l) } });
    const sock = net.connect(server.port, server.host);
    const N = 200;
    let got = '';
    const done = new Promise<void>((resolve) =>
      sock.on('data', (c: Buffer) => {
        got += c.toString('latin1');
        if (got.split('\x1c\r').length - 1 === N) resolve();
      }),
    );
    sock.write(Buffer.concat(Array.from({ length: N }, (_, i) => frameMllp(msg(i)))));
    await done;
    // Read right after the last ACK arrived: nothing may be missing.
    const ex = server.exchanges();
    expect(ex).toHaveLength(N);
    expect(ex.map((e) => e.response?.body?.match(/MSA\|AA\|(M\d+)/)?.[1])).toEqual(Array.from({ length: N }, (_, i) => `M${i}`));
    expect(ex[0]).toMatchObject({
      transaction: 'HL7 ORU^R01',
      request: { summary: 'MSH|^~\\&|A|B|C|D|20260101||ORU^R01^ORU_R01|M0|P|2.5', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(ex.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0)).toBe(true);
    sock.destroy();
    await server.stop();
    expect(persisted).toHaveLength(N);
  });

  test('firstLine and peekMessageType read only the first segment, with or without the VT', () => {
    const framed = frameMllp(msg(7));
    expect(firstLine(framed)).toBe('MSH|^~\\&|A|B|C|D|20260101||ORU^R01^ORU_R01|M7|P|2.5');
    expect(firstLine(msg(7))).toBe(firstLine(framed));
    expect(peekMessageType(msg(7))).toBe('ORU^R01');
    expect(peekMessageType(Buffer.from('PID|1\rMSH|^~\\&|A'))).toBe('');
    expect(firstLine(Buffer.from('MSH|x\nPID'))).toBe('MSH|x');
  });
});
