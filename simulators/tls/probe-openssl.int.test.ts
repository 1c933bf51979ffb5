// The probe against an independent TLS server: openssl s_server allowing TLS 1.0 (at security
// level 0, which Debian's OpenSSL 3 needs to speak it at all) and not asking for a client
// certificate must fail the legacy-version and mutual-TLS checks; set up right, it passes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { probeTls } from './probe.ts';

const HAVE = peerAvailable('openssl');
const procs: ChildProcess[] = [];
afterEach(() => procs.splice(0).forEach((p) => p.kill()));

async function sServer(args: string[]): Promise<number> {
  const proc = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-www', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  procs.push(proc);
  let out = '';
  return new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /ACCEPT [^\n]*:(\d+)/.exec((out += d.toString()));
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (c) => reject(new Error(`s_server exited ${c}`)));
  });
}

test.skipIf(!HAVE)('openssl s_server: legacy TLS and no client authentication are found; mutual TLS 1.2+ passes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-probe-openssl-'));
  const pki = await writePki(dir);
  const f = (n: string) => join(dir, n);
  const base = ['-cert', f('server.crt.pem'), '-key', f('server.key.pem')];
  const input = (port: number) => ({
    host: '127.0.0.1',
    port,
    servername: 'localhost',
    ca: pki.ca.cert,
    client: pki.nodes.client!,
    untrusted: pki.untrusted,
    expired: pki.expired,
    send: 'GET / HTTP/1.0\r\n\r\n',
  });

  const loose = await probeTls(input(await sServer([...base, '-cipher', 'DEFAULT@SECLEVEL=0'])));
  const failed = new Set(loose.findings.map((f) => f.ruleId));
  expect(loose.versions).toContain('TLSv1');
  expect(failed).toEqual(
    new Set([
      'tls.version.legacy-refused',
      'tls.cipher.weak-refused',
      'tls.mutual.no-certificate',
      'tls.mutual.unknown-ca',
      'tls.mutual.expired',
    ]),
  );

  const strict = await probeTls(
    input(
      await sServer([
        ...base,
        '-CAfile',
        f('ca.crt.pem'),
        '-Verify',
        '2',
        '-verify_return_error',
        '-no_tls1',
        '-no_tls1_1',
        '-cipher',
        'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384',
      ]),
    ),
  );
  expect(strict.findings).toEqual([]);
  expect(strict.versions).toEqual(['TLSv1.2', 'TLSv1.3']);
});
