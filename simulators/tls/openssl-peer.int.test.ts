// The handshake matrix against an independent TLS stack (Debian's openssl s_server/s_client),
// both ways: our client against s_server, s_client against our server options (SEC-001, SEC-002).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { tryHandshake } from './handshake.ts';
import { tlsClientOptions, tlsServerOptions } from './options.ts';

const HAVE = peerAvailable('openssl');
let dir: string;
const f = (n: string) => join(dir, n);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-openssl-'));
  await writePki(dir);
});

/** openssl s_server on port 0; resolves with the port it printed. -www answers a GET, so acceptance shows as data. */
async function sServer(cert: string, mutual: boolean): Promise<{ proc: ChildProcess; port: number }> {
  const args = ['s_server', '-accept', '127.0.0.1:0', '-cert', f(`${cert}.crt.pem`), '-key', f(`${cert}.key.pem`), '-www'];
  if (mutual) args.push('-CAfile', f('ca.crt.pem'), '-Verify', '2', '-verify_return_error');
  const proc = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ACCEPT [^\n]*:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`s_server exited ${code}: ${out}`)));
  });
  return { proc, port };
}

/** openssl s_client; true when it read the greeting our server sends to accepted clients. */
async function sClient(port: number, clientCert?: string): Promise<boolean> {
  const args = [
    's_client',
    '-connect',
    `127.0.0.1:${port}`,
    '-CAfile',
    f('ca.crt.pem'),
    '-verify_return_error',
    '-verify_hostname',
    'localhost',
    '-servername',
    'localhost',
  ];
  if (clientCert) args.push('-cert', f(`${clientCert}.crt.pem`), '-key', f(`${clientCert}.key.pem`));
  const proc = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // Keep stdin open: on EOF s_client would hang up before the server's verdict arrives.
  const greeted = await new Promise<boolean>((resolve) => {
    proc.stdout.on('data', () => out.includes('HELLO-MCWG') && resolve(true));
    proc.once('exit', () => resolve(out.includes('HELLO-MCWG')));
  });
  proc.kill();
  return greeted;
}

async function nodeServer(cert: string, mutual: boolean): Promise<{ server: Server; port: number }> {
  const server = createServer(
    tlsServerOptions({ tlsCert: f(`${cert}.crt.pem`), tlsKey: f(`${cert}.key.pem`), ...(mutual ? { tlsCa: f('ca.crt.pem') } : {}) })!,
    (s) => s.end('HELLO-MCWG\n'),
  );
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

const ours = (cert?: string) =>
  tlsClientOptions({ tlsCa: f('ca.crt.pem'), ...(cert ? { tlsCert: f(`${cert}.crt.pem`), tlsKey: f(`${cert}.key.pem`) } : {}) });
const MATRIX = [
  ['no client certificate', 'refuses', undefined, false],
  ['an unknown CA', 'refuses', 'untrusted', false],
  ['an expired certificate', 'refuses', 'expired', false],
  ['a valid certificate', 'accepts', 'client', true],
] as const;

describe.skipIf(!HAVE)('our client against openssl s_server (mutual TLS)', () => {
  let s: Awaited<ReturnType<typeof sServer>>;
  beforeAll(async () => (s = await sServer('server', true)));
  afterAll(() => s.proc.kill());

  test.each(MATRIX)('with %s s_server %s', async (_w, _word, cert, accepted) => {
    const out = await tryHandshake(
      { host: '127.0.0.1', port: s.port, servername: 'localhost', send: 'GET / HTTP/1.0\r\n\r\n' },
      ours(cert),
    );
    expect(out.accepted, JSON.stringify(out)).toBe(accepted);
  });

  test('our client refuses s_server presenting a certificate for another host', async () => {
    const wrong = await sServer('wrong-host', false);
    try {
      const out = await tryHandshake({ host: '127.0.0.1', port: wrong.port, servername: 'localhost' }, ours('client'));
      expect(out).toMatchObject({ accepted: false });
    } finally {
      wrong.proc.kill();
    }
  });
});

describe.skipIf(!HAVE)('openssl s_client against our server options (mutual TLS)', () => {
  let s: Awaited<ReturnType<typeof nodeServer>>;
  beforeAll(async () => (s = await nodeServer('server', true)));
  afterAll(() => s.server.close());

  test.each(MATRIX)('with %s our server %s', async (_w, _word, cert, accepted) => {
    expect(await sClient(s.port, cert)).toBe(accepted);
  });

  test('s_client refuses our server when it presents a certificate for another host', async () => {
    const wrong = await nodeServer('wrong-host', false);
    try {
      expect(await sClient(wrong.port, 'client')).toBe(false);
    } finally {
      wrong.server.close();
    }
  });
});

describe.skipIf(!HAVE)('openssl verify', () => {
  const verify = async (cert: string) => {
    const p = spawn('openssl', ['verify', '-CAfile', f('ca.crt.pem'), f(`${cert}.crt.pem`)], { stdio: 'ignore' });
    const [code] = await once(p, 'exit');
    return code as number;
  };
  test.each([
    ['server', 0],
    ['client', 0],
    ['wrong-host', 0],
    ['untrusted', 2],
    ['expired', 2],
  ])('openssl verify -CAfile ca.crt.pem %s exits %i', async (cert, code) => {
    expect(await verify(cert)).toBe(code);
  });
});
