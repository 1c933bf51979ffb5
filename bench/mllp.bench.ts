// RIS receiver over MLLP as an independent client sees it: a plain python3 socket client
// (bench/mllp-client.py, framing by hand), one connection, each realistic ORU^R01 (about 1.2 KB
// with report text) waiting for its ACK. Same client, same run, against a trivial ACK server
// (a fixed ACK per frame, no parsing): the limit of the client and the loopback.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oruR01 } from '../fixtures/builders/hl7-messages.ts';
import { hasCommand } from '../fixtures/peers.ts';
import { startRis } from '../simulators/ris/server.ts';
import type { Bench, BenchRow } from './harness.ts';

const CLIENT = fileURLToPath(new URL('mllp-client.py', import.meta.url));
const MESSAGES = 30_000;
const WARMUP = 3_000;

const REPORT = [
  'CT CHEST WITH CONTRAST. Clinical indication: persistent cough, weight loss, former smoker.',
  'Technique: axial images from the thoracic inlet to the adrenal glands after intravenous contrast; multiplanar reformats.',
  'Findings: the central airways are patent. No pulmonary embolism to the segmental level. A 9 mm solid nodule in the right upper lobe (series 3, image 42) with smooth margins.',
  'No consolidation, pleural effusion or pneumothorax. Heart size normal, no pericardial effusion. No mediastinal or hilar lymphadenopathy.',
  'Impression: solitary 9 mm right upper lobe nodule; follow-up CT in 3 months recommended per Fleischner criteria.',
].join('\\.br\\');

/** A trivial ACK server: one fixed AA per frame end seen, nothing parsed. */
async function startTrivialAck(): Promise<{ port: number; close(): Promise<void> }> {
  const ack = Buffer.from('\x0bMSH|^~\\&|ACK|SIM|||20260101000000||ACK^R01^ACK|1|P|2.5.1\rMSA|AA|1\r\x1c\r', 'latin1');
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    s.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(0x1c); i >= 0; i = chunk.indexOf(0x1c, i + 1)) s.write(ack);
    });
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

function pythonRate(port: number, file: string, count: number): Promise<{ rate: number; msa1: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn('python3', [CLIENT, '127.0.0.1', String(port), file, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (b: Buffer) => (out += b.toString()));
    c.on('error', reject);
    c.on('close', (code) => {
      const rate = /RATE ([\d.]+)/.exec(out);
      const msa = /MSA1 (\S*)/.exec(out);
      if (code !== 0 || !rate) return reject(new Error(`mllp-client.py exited ${code}: ${out}`));
      resolve({ rate: Number(rate[1]), msa1: msa?.[1] ?? '' });
    });
  });
}

const bench: Bench = {
  name: 'MLLP (RIS receiver), independent python client',
  async run(log) {
    if (!hasCommand('python3')) {
      log('python3 not installed: no figure');
      return [];
    }
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-mllp-'));
    const msg = Buffer.from(oruR01({ reportText: REPORT }), 'utf8');
    const file = join(dir, 'oru.hl7');
    await writeFile(file, msg);
    log(`ORU^R01 of ${msg.length} bytes, ${MESSAGES} messages, one connection, each waiting for its ACK`);
    const ris = await startRis({ port: 0 });
    const trivial = await startTrivialAck();
    try {
      const load0 = loadavg()[0]!;
      const warm = await pythonRate(ris.port, file, WARMUP);
      if (warm.msa1 !== 'AA') throw new Error(`bench message not accepted: MSA-1 ${warm.msa1}`);
      await pythonRate(trivial.port, file, WARMUP);
      const ours = await pythonRate(ris.port, file, MESSAGES);
      const peer = await pythonRate(trivial.port, file, MESSAGES);
      log(`ours ${ours.rate.toFixed(0)}/s, trivial ACK server ${peer.rate.toFixed(0)}/s; ${ris.exchanges().length} exchanges recorded`);
      const row: BenchRow = {
        name: `ACKed ${msg.length}-byte ORU^R01, one connection, python client`,
        ours: ours.rate,
        peer: peer.rate,
        peerName: 'trivial ACK server',
        unit: 'msg/s',
        better: 'higher',
        target: 5000,
        note: 'ratio < 1: parse, validate, ACK and evidence over a server that does nothing',
        loadAverage: Math.max(load0, loadavg()[0]!),
      };
      return [row];
    } finally {
      await ris.stop();
      await trivial.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
