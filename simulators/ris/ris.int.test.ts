// Independent peers (python3-hl7 from Debian): its `mllp_send` client sends to our receiver,
// and its asyncio MLLP server (hl7.mllp.start_hl7_server + create_ack) receives from our sender.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { HL7_FIXTURES, oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { frameMllp } from '../../protocols/hl7v2/mllp-framer.ts';
import { sendHl7 } from './client.ts';
import { startRis, type RisSimulator } from './server.ts';

const PYTHON = '/usr/bin/python3'; // the Debian interpreter that has python3-hl7, not a pyenv shim
const LISTENER = fileURLToPath(new URL('./peer-listener.py', import.meta.url));

describe.skipIf(!peerAvailable('mllp_send', PYTHON))('RIS simulator with python3-hl7', () => {
  let ris: RisSimulator;
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-mllp-'));
  beforeAll(async () => {
    ris = await startRis({ port: 0 });
  });
  afterAll(() => ris.stop());

  test('mllp_send delivers every message type to our receiver and prints our ACKs', async () => {
    const msgs = Object.values(HL7_FIXTURES).map((f, i) => withField(f(), 'MSH-10', `PEER${i}`));
    const file = join(dir, 'all.mllp');
    writeFileSync(file, Buffer.concat(msgs.map((m) => frameMllp(Buffer.from(m, 'utf8')))));
    // Async spawn: a sync one would block the event loop our server runs on.
    const out = await run('mllp_send', ['-p', String(ris.port), '-f', file, '127.0.0.1']);
    expect(out.code).toBe(0);
    const msas = [...out.stdout.matchAll(/MSA\|(\w+)\|(\w+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(msas).toEqual(msgs.map((_, i) => `AA PEER${i}`));
    const seen = ris
      .exchanges()
      .filter((e) => e.request.body?.includes('|PEER'))
      .map((e) => e.transaction);
    expect(seen).toEqual(Object.keys(HL7_FIXTURES).map((k) => `HL7 ${k}`));
  });

  test('mllp_send gets AE with ERR for a broken report', async () => {
    const file = join(dir, 'bad.mllp');
    writeFileSync(file, frameMllp(Buffer.from(withField(oruR01(), 'OBR-18', ''), 'utf8')));
    const out = await run('mllp_send', ['-p', String(ris.port), '-f', file, '127.0.0.1']);
    expect(out.stdout).toMatch(/MSA\|AE\|MSG0001/);
    expect(out.stdout).toMatch(/ERR\|\|OBR\^1\^18\^1\^1/);
  });

  describe('our sender to python3-hl7 start_hl7_server', () => {
    let peer: ChildProcess;
    let port = 0;
    const got: string[] = [];
    beforeAll(async () => {
      expect(spawnSync(PYTHON, ['-c', 'import hl7.mllp']).status).toBe(0);
      peer = spawn(PYTHON, [LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] });
      const lines = createInterface({ input: peer.stdout! });
      port = await new Promise<number>((resolve, reject) => {
        peer.once('exit', (c) => reject(new Error(`peer listener exited ${c}`)));
        lines.on('line', (l) => {
          if (l.startsWith('PORT ')) resolve(Number(l.slice(5)));
          else got.push(l);
        });
      });
    });
    afterAll(() => {
      peer?.kill();
    });

    test('sends ORU, MDM, ORM, OMI and ADT and reads AA ACKs echoing each MSH-10', async () => {
      const msgs = Object.values(HL7_FIXTURES).map((f, i) => withField(f(), 'MSH-10', `OUT${i}`));
      const r = await sendHl7({ host: '127.0.0.1', port }, msgs);
      expect(r.acks.map((a) => `${a.code} ${a.controlId}`)).toEqual(msgs.map((_, i) => `AA OUT${i}`));
      expect(r.exchanges.every((e) => e.response?.sha256 && !e.error)).toBe(true);
      // The listener prints each message before its ACK, but its stdout pipe and our socket are read
      // independently: under load the last line may arrive after the last ACK.
      await vi.waitFor(() => expect(got).toHaveLength(msgs.length), { timeout: 10_000 });
      expect(got.map((l) => l.split(' ')[2])).toEqual(msgs.map((_, i) => `OUT${i}`));
    });
  });
});

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout }));
  });
}
