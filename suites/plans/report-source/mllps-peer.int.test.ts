// The report-source plan's TLS checks (mllps://) against a report source we did not write:
// python3-hl7's `mllp_send` frames and sends the report, and `openssl s_client` carries it over
// TLS (mllp_send speaks no TLS; a byte relay of ours joins the two, as stunnel would). s_client
// verifying the server against the deployment CA refuses the unknown-CA and expired servers and
// TLS 1.0/1.1 (its default minimum is TLS 1.2), and goes through to our receiver with the valid
// one: the whole plan passes. Without -verify_return_error it goes on after a failed
// verification: the plan fails exactly SEC-002.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oruWithIidLinks } from '../../../fixtures/builders/iid-reports.ts';
import { peerAvailable } from '../../../fixtures/peers.ts';
import { frameMllp } from '../../../protocols/hl7v2/mllp-framer.ts';
import type { RunModel } from '../../../model/run.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import { referenceTls } from '../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../common/initiator-tls.ts';
import { reportSourcePlan } from './index.ts';
import { startPlanSimulators } from './simulators.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-report-source-mllps-'));
let tls: Awaited<ReturnType<typeof referenceTls>>['profile'];
let report: string;
const relays: Server[] = [];
beforeAll(async () => {
  tls = (await referenceTls(join(dir, 'pki'))).profile;
  report = join(dir, 'report.mllp');
  writeFileSync(report, frameMllp(Buffer.from(oruWithIidLinks(), 'utf8')));
});
afterAll(() => {
  for (const r of relays) r.close();
});

/** mllp_send of the report to 127.0.0.1:port; resolves with what it printed (the ACK, or an error). */
function mllpSend(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('mllp_send', ['-p', String(port), '-f', report, '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', () => resolve(out));
  });
}

/** A plain TCP port whose connections openssl s_client carries over TLS to `target` (host:port). */
async function sClientRelay(target: string, verify: boolean): Promise<number> {
  const relay = createServer((socket) => {
    const p = spawn(
      'openssl',
      [
        's_client',
        '-quiet',
        '-no_ign_eof',
        '-connect',
        target,
        '-servername',
        tls.servername!,
        '-CAfile',
        tls.ca,
        '-cert',
        tls.client!.cert,
        '-key',
        tls.client!.key,
        ...(verify ? ['-verify_return_error', '-verify_hostname', tls.servername!] : []),
      ],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    socket.on('error', () => p.kill());
    p.stdin.on('error', () => undefined);
    socket.pipe(p.stdin);
    p.stdout.pipe(socket);
    p.on('close', () => socket.end());
  });
  relays.push(relay);
  await new Promise<void>((ok) => relay.listen(0, '127.0.0.1', ok));
  return (relay.address() as AddressInfo).port;
}

async function runWithPeers(verify: boolean): Promise<{ run: RunModel; printed: string[] }> {
  const profile = sut({ roles: ['RIS'], options: ['SSV1'], tls });
  const simulators = await startPlanSimulators({ sut: profile });
  try {
    const printed: string[] = [];
    const send = async () => {
      printed.push(await mllpSend(Number(new URL(simulators.ris!.url).port)));
      for (const key of Object.values(TRAP_KEYS))
        printed.push(await mllpSend(await sClientRelay(new URL(simulators[key]!.url).host, verify)));
    };
    const [run] = await Promise.all([
      runPlan(reportSourcePlan({ waitMs: 30_000 }), { sut: profile, tool: TOOL, simulators, pollMs: 20 }),
      send(),
    ]);
    return { run, printed };
  } finally {
    for (const s of Object.values(simulators)) await s.stop();
  }
}

const failed = (run: RunModel) =>
  run.requirements
    .filter((r) => r.state === 'fail')
    .map((r) => r.id)
    .sort();

describe.skipIf(!peerAvailable('mllp_send', 'openssl'))('report-source over mllps:// with mllp_send carried by openssl s_client', () => {
  test('a verifying s_client refuses the bad servers and reaches our receiver through the valid one: every test passes', async () => {
    const { run, printed } = await runWithPeers(true);
    expect(Object.fromEntries(run.tests.map((t) => [t.id, t.state]))).toEqual({
      'ris.report': 'pass',
      'ris.content': 'pass',
      'ris.linkage': 'pass',
      'ris.iid-links': 'pass',
      'ris.tls.client-version': 'pass',
      'ris.tls.server-certificate': 'pass',
    });
    // Our receiver's ACK came back through the valid server (the third TLS send), not the others.
    const tlsSends = printed.slice(1);
    expect(tlsSends.map((p) => /MSA\|AA/.test(p))).toEqual(Object.keys(TRAP_KEYS).map((k) => k === 'valid'));
  });

  test('an s_client that goes on after a failed verification fails exactly SEC-002', async () => {
    const { run } = await runWithPeers(false);
    expect(failed(run)).toEqual(['SEC-002']);
    const cert = run.tests.find((t) => t.id === 'ris.tls.server-certificate')!;
    // A test stops at its first failed step.
    expect(cert.steps.map((s) => [s.id, s.state])).toEqual([
      ['tls-client-unknown-ca', 'fail'],
      ['tls-client-expired', 'skip'],
      ['tls-client-valid', 'skip'],
    ]);
    expect(cert.steps[0]!.findings.map((f) => f.ruleId)).toEqual(['tls.client.unknown-ca-accepted']);
  });
});
