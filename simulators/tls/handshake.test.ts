// The mutual-TLS handshake matrix (SEC-001, SEC-002) between node's own TLS server and client,
// using the test PKI and the option builders the simulators use.
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki, type TestPki } from '../../fixtures/builders/pki.ts';
import { tryHandshake } from './handshake.ts';
import { tlsClientOptions, tlsServerOptions } from './options.ts';

let dir: string;
let pki: TestPki;
const f = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-tls-'));
  pki = await writePki(dir);
});

async function serve(certBase: string, withCa: boolean): Promise<{ server: Server; port: number; peers: (string | undefined)[] }> {
  const opts = tlsServerOptions({
    tlsCert: f(`${certBase}.crt.pem`),
    tlsKey: f(`${certBase}.key.pem`),
    ...(withCa ? { tlsCa: f('ca.crt.pem') } : {}),
  })!;
  const peers: (string | undefined)[] = [];
  const server = createServer(opts, (s: TLSSocket) => {
    // Accepting servers stay silent and keep the connection open, the hardest case for the
    // probe to tell from a refusal (MLLP and syslog servers behave like this).
    peers.push(s.getPeerCertificate()?.fingerprint256);
    s.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, peers };
}

const client = (base?: string) =>
  tlsClientOptions({ tlsCa: f('ca.crt.pem'), ...(base ? { tlsCert: f(`${base}.crt.pem`), tlsKey: f(`${base}.key.pem`) } : {}) });

describe('mutual TLS server (--tls-ca given)', () => {
  let srv: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (srv = await serve('server', true)));
  afterAll(() => srv.server.close());

  test.each([
    ['no client certificate', 'refused', undefined, false],
    ['a certificate from an unknown CA', 'refused', 'untrusted', false],
    ['an expired certificate', 'refused', 'expired', false],
    ['a valid deployment certificate', 'accepted', 'client', true],
  ] as const)('with %s the handshake is %s', async (_what, _word, base, accepted) => {
    const before = srv.peers.length;
    const out = await tryHandshake({ host: '127.0.0.1', port: srv.port, servername: 'localhost' }, client(base));
    expect(out.accepted, JSON.stringify(out)).toBe(accepted);
    // The server side agrees: only an accepted client reaches the connection handler.
    expect(srv.peers.length - before).toBe(accepted ? 1 : 0);
  });

  test('records version, suite, and the server certificate fingerprint for evidence', async () => {
    const out = await tryHandshake({ host: '127.0.0.1', port: srv.port, servername: 'localhost' }, client('client'));
    expect(out).toMatchObject({
      accepted: true,
      authorized: true,
      info: { protocol: 'TLSv1.3', peerCertificateSubject: 'CN=server, O=mcwg-conformance' },
    });
    if (out.accepted) expect(out.info.peerCertificateFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});

describe('our client refuses bad server certificates', () => {
  test.each([
    ['wrong-host', 'the certificate names another host'],
    ['expired', 'the certificate has expired'],
    ['untrusted', 'the certificate is from an unknown CA'],
  ])('refuses a server presenting the %s certificate (%s)', async (base) => {
    const srv = await serve(base, false);
    try {
      const out = await tryHandshake({ host: '127.0.0.1', port: srv.port, servername: 'localhost' }, client('client'));
      expect(out.accepted).toBe(false);
    } finally {
      srv.server.close();
    }
  });

  test('accepts the server certificate by address as well as by name (SAN has 127.0.0.1)', async () => {
    const srv = await serve('server', false);
    try {
      expect((await tryHandshake({ host: '127.0.0.1', port: srv.port }, client())).accepted).toBe(true);
    } finally {
      srv.server.close();
    }
  });
});

test('a server started with TLS flags refuses TLS 1.1 even when the client offers it', async () => {
  const srv = await serve('server', false);
  try {
    const out = await tryHandshake(
      { host: '127.0.0.1', port: srv.port },
      { ...client(), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
    );
    expect(out.accepted).toBe(false);
  } finally {
    srv.server.close();
  }
});

test('the test PKI names each node file it wrote', () => {
  expect(Object.keys(pki.nodes)).toEqual(['server', 'client']);
});
