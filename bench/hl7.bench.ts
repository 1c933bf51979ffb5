// RIS receiver throughput: ACKed 1 KB ORU^R01 messages per second (parse, validate with every
// hl7v2 rule, build the ACK, record evidence), one connection and 20 concurrent, each message
// waiting for its ACK as MLLP original mode does. Peer: a bare TCP echo of the same framed
// bytes in the same run, so the ratio shows what HL7 handling costs over the socket itself.
import net from 'node:net';
import { oruR01 } from '../fixtures/builders/hl7-messages.ts';
import { MllpClient, readAck } from '../simulators/ris/client.ts';
import { startRis } from '../simulators/ris/server.ts';
import type { Bench, BenchRow } from './harness.ts';

const MESSAGES = 20_000;
const WARMUP = 1_000;

function oru1k(): Buffer {
  const base = Buffer.byteLength(oruR01(), 'utf8');
  return Buffer.from(oruR01({ reportText: 'x'.repeat(Math.max(0, 1024 - base + 67)) }), 'utf8');
}

async function startEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Messages per second over `conns` connections, each sending its share one at a time. */
async function rate(port: number, msg: Buffer, total: number, conns: number, checkAck: boolean): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: conns }, async () => {
      const c = new MllpClient({ host: '127.0.0.1', port, timeoutMs: 30_000 });
      await c.connect();
      return c;
    }),
  );
  const per = Math.ceil(total / conns);
  const t0 = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < per; i++) {
        const reply = await c.send(msg);
        if (checkAck && i === 0 && readAck(reply).code !== 'AA') throw new Error(`bench message not accepted: ${reply.toString('latin1')}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const c of clients) c.close();
  return (per * conns) / seconds;
}

const bench: Bench = {
  name: 'hl7 (RIS receiver, MLLP)',
  async run(log) {
    const msg = oru1k();
    log(`ORU^R01 of ${msg.length} bytes, ${MESSAGES} messages per run, each waiting for its ACK`);
    const ris = await startRis({ port: 0, inlineBodyBytes: 0 });
    const echo = await startEcho();
    const rows: BenchRow[] = [];
    try {
      await rate(ris.port, msg, WARMUP, 1, true);
      await rate(echo.port, msg, WARMUP, 1, false);
      for (const conns of [1, 20]) {
        const ours = await rate(ris.port, msg, MESSAGES, conns, true);
        const peer = await rate(echo.port, msg, MESSAGES, conns, false);
        log(`${conns} connection(s): ours ${ours.toFixed(0)}/s, echo ${peer.toFixed(0)}/s`);
        rows.push({
          name: `ACKed 1 KB ORU^R01, ${conns} connection${conns > 1 ? 's' : ''}`,
          ours,
          peer,
          peerName: 'bare TCP echo',
          unit: 'msg/s',
          better: 'higher',
          ...(conns === 1 ? { target: 5000 } : {}),
          note: 'ratio < 1: HL7 handling costs over a socket that does nothing',
        });
      }
      log(`${ris.exchanges().length} exchanges recorded`);
    } finally {
      await ris.stop();
      await echo.close();
    }
    return rows;
  },
};

export default bench;
