// The SUT TLS probe against node TLS servers configured right and each way wrong: the right
// one gives no finding, each wrong one exactly the findings of what is wrong (SEC-001, SEC-002).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TlsOptions } from 'node:tls';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildPki, type TestPki } from '../../fixtures/builders/pki.ts';
import { tlsServerOptions } from './options.ts';
import { probeTls, type TlsProbeInput } from './probe.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let pki: TestPki;
let dir: string;
const servers: Server[] = [];

beforeAll(async () => {
  pki = await buildPki();
  dir = mkdtempSync(join(tmpdir(), 'mcwg-probe-'));
  for (const p of [pki.ca, pki.nodes.server!, pki.expired, pki.untrusted, pki.wrongHost]) {
    writeFileSync(join(dir, p.certFile), p.cert);
    writeFileSync(join(dir, p.keyFile), p.key);
  }
});
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(opts: TlsOptions): Promise<number> {
  const server = createServer(opts, (s) => s.on('error', () => {}));
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

const good = (cert = 'server') =>
  tlsServerOptions({ tlsCert: join(dir, `${cert}.crt.pem`), tlsKey: join(dir, `${cert}.key.pem`), tlsCa: join(dir, 'ca.crt.pem') })!;
const input = (port: number): TlsProbeInput => ({
  host: '127.0.0.1',
  port,
  servername: 'localhost',
  ca: pki.ca.cert,
  client: pki.nodes.client!,
  untrusted: pki.untrusted,
  expired: pki.expired,
  settleMs: 150,
});
const failed = async (port: number) => (await probeTls(input(port))).findings.map((f) => f.ruleId).sort();

describe('probeTls', () => {
  test('a server set up with our options passes every check', async () => {
    const r = await probeTls(input(await serve(good())));
    expect(r.findings).toEqual([]);
    expect(r.versions).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(r.cipher).toBe('TLS_AES_256_GCM_SHA384');
    expect(r.checks.map((c) => c.ruleId)).toEqual(
      expect.arrayContaining([
        'tls.version.legacy-refused',
        'tls.cipher.bcp195',
        'tls.cipher.weak-refused',
        'tls.cert.chain',
        'tls.cert.validity',
        'tls.cert.host',
        'tls.mutual.no-certificate',
        'tls.mutual.unknown-ca',
        'tls.mutual.expired',
        'tls.mutual.valid',
      ]),
    );
  });

  test('a server that still speaks TLS 1.0 and 1.1', async () => {
    const port = await serve({ ...good(), minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    // SECLEVEL=0 re-enables CBC suites as well, so the weak-suite check fails too.
    expect(await failed(port)).toEqual(['tls.cipher.weak-refused', 'tls.version.legacy-refused', 'tls.version.legacy-refused']);
  });

  test("a server on node's default cipher list accepts CBC suites", async () => {
    const { ciphers: _c, ...defaults } = good();
    expect(await failed(await serve(defaults))).toEqual(['tls.cipher.weak-refused']);
  });

  test('a server that asks for no client certificate', async () => {
    const { requestCert: _r, rejectUnauthorized: _u, ca: _ca, ...noMutual } = good();
    expect(await failed(await serve(noMutual))).toEqual(['tls.mutual.expired', 'tls.mutual.no-certificate', 'tls.mutual.unknown-ca']);
  });

  test('a server that asks for a client certificate but does not verify it', async () => {
    expect(await failed(await serve({ ...good(), rejectUnauthorized: false }))).toEqual([
      'tls.mutual.expired',
      'tls.mutual.no-certificate',
      'tls.mutual.unknown-ca',
    ]);
  });

  test.each([
    ['expired', ['tls.cert.validity']],
    ['untrusted', ['tls.cert.chain']],
    ['wrong-host', ['tls.cert.host']],
  ])('a server presenting the %s certificate', async (cert, rules) => {
    expect(await failed(await serve(good(cert)))).toEqual(rules);
  });

  test('a closed port is reported unreachable, with no check claimed', async () => {
    const port = await serve(good());
    servers.splice(0).forEach((s) => s.close());
    expect(await probeTls(input(port))).toMatchObject({ checks: [], findings: [], unreachable: expect.stringContaining('ECONNREFUSED') });
  });

  test('a plaintext server fails the modern-version check, located at the endpoint', async () => {
    const { createServer: plain } = await import('node:net');
    const server = plain((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await probeTls(input(port));
      expect(r.findings.map((f) => f.ruleId)).toEqual(['tls.version.modern']);
      expect(r.findings[0]).toMatchObject({
        reqIds: ['SEC-001'],
        location: { artefact: `tls://127.0.0.1:${port}`, path: 'tls.version.modern' },
      });
    } finally {
      server.close();
    }
  });
});
