// The TLS trap servers against node's TLS client with our client options: a verifying client
// refuses the unknown-CA and expired certificates (recorded as not completed), also at TLS 1.2
// where it completes the handshake before it checks; a client that verifies nothing completes
// and sends its request (what the plan fails); a connection that carries no ClientHello is no
// refusal; and the valid server pipes the connection to its upstream.
import { once } from 'node:events';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import type { Simulator } from '../../model/exchange.ts';
import { tlsClientOptions } from './options.ts';
import { clientHelloSeen, handshakeCompleted, judgeTrapConnection, notTls, startTlsTrap } from './trap.ts';

let dir: string;
const f = (n: string) => join(dir, n);
const pair = (base: string) => ({ cert: readFileSync(f(`${base}.crt.pem`), 'utf8'), key: readFileSync(f(`${base}.key.pem`), 'utf8') });
const started: Simulator[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-trap-'));
  await writePki(dir);
});
afterAll(async () => {
  for (const s of started) await s.stop();
});

async function trap(base: string, upstream?: { host: string; port: number }, handshakeTimeoutMs?: number) {
  const t = await startTlsTrap({
    ...pair(base),
    transaction: `TLS ${base}`,
    ...(upstream ? { upstream } : {}),
    ...(handshakeTimeoutMs ? { handshakeTimeoutMs } : {}),
  });
  started.push(t);
  return t;
}

/** Connects, sends `hello`, and resolves with what came back (or the error). */
function talk(url: string, opts: ConnectionOptions): Promise<{ data?: string; error?: string }> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ ...opts, host: u.hostname, port: Number(u.port), servername: 'localhost' }, () => s.write('hello'));
    let data = '';
    s.on('data', (c: Buffer) => (data += c.toString()));
    s.on('error', (e) => resolve({ error: e.message }));
    s.on('close', () => resolve({ data }));
  });
}

const until = async (t: Simulator, n: number) => {
  for (let i = 0; i < 200 && t.exchanges().length < n; i++) await new Promise((r) => setTimeout(r, 10));
  return t.exchanges();
};

describe('TLS trap servers', () => {
  test.each(['untrusted', 'expired'])('a verifying client refuses the %s certificate; the trap records the refusal', async (base) => {
    const t = await trap(base);
    const out = await talk(t.url, tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') }));
    expect(out.error).toBeDefined();
    const [e] = await until(t, 1);
    expect(handshakeCompleted(e!)).toBe(false);
    expect(notTls(e!)).toBe(false);
    // Node's client hangs up without an alert; OpenSSL-based ones send one (unknown ca, certificate expired).
    expect(e!.error).toBeTruthy();
  });

  test('a client that verifies nothing completes the handshake with the unknown-CA certificate', async () => {
    const t = await trap('untrusted');
    await talk(t.url, { rejectUnauthorized: false });
    const [e] = await until(t, 1);
    expect(handshakeCompleted(e!)).toBe(true);
    expect(e!.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
  });

  test('the legacy-version trap: a client at TLS 1.2+ refuses it (no plaintext verdict); one that allows TLS 1.0 completes at 1.1', async () => {
    const t = await startTlsTrap({ ...pair('client'), transaction: 'TLS legacy', legacy: true });
    started.push(t);
    const modern = tlsClientOptions({ tlsCa: f('ca.crt.pem') });
    expect((await talk(t.url, modern)).error).toBeDefined();
    const old = await talk(t.url, { ...modern, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    expect(old.error).toBeUndefined();
    const [refused, accepted] = await until(t, 2);
    expect([handshakeCompleted(refused!), notTls(refused!)]).toEqual([false, false]);
    expect(judgeTrapConnection('legacy-version', refused!)).toEqual([]);
    expect(accepted!.tls?.protocol).toBe('TLSv1.1');
    expect(judgeTrapConnection('legacy-version', accepted!)).toMatchObject([
      { ruleId: 'tls.client.legacy-version-accepted', reqIds: ['SEC-001'] },
    ]);
  });

  test('plaintext sent to the trap is recorded as not TLS', async () => {
    const t = await trap('untrusted');
    const u = new URL(t.url);
    const { Socket } = await import('node:net');
    const s = new Socket();
    s.on('error', () => undefined);
    s.connect(Number(u.port), u.hostname, () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    const [e] = await until(t, 1);
    s.destroy();
    expect(notTls(e!)).toBe(true);
  });

  test('a TLS 1.2 client that checks the certificate after the handshake and hangs up has refused it', async () => {
    const t = await trap('untrusted');
    const opts = tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') });
    const out = await talk(t.url, { ...opts, maxVersion: 'TLSv1.2' });
    expect(out.error).toMatch(/certificate/i);
    const [e] = await until(t, 1);
    // The handshake completed on our side (its parameters are the evidence), but no request came.
    expect(e!.tls?.protocol).toBe('TLSv1.2');
    expect(handshakeCompleted(e!)).toBe(false);
    expect(judgeTrapConnection('unknown-ca', e!)).toEqual([]);
    expect(judgeTrapConnection('valid', e!)).toMatchObject([{ ruleId: 'tls.client.valid-refused', reqIds: ['SEC-002'] }]);
  });

  test.each([
    ['closes at once', (s: import('node:net').Socket) => s.end()],
    ['stays silent past the handshake timeout', () => undefined],
  ])('a connection that %s carries no ClientHello: no refusal, for any certificate', async (_, act) => {
    const t = await trap('untrusted', undefined, 300);
    const u = new URL(t.url);
    const { Socket } = await import('node:net');
    const s = new Socket();
    s.on('error', () => undefined);
    s.connect(Number(u.port), u.hostname, () => act(s));
    const [e] = await until(t, 1);
    s.destroy();
    expect([clientHelloSeen(e!), handshakeCompleted(e!), notTls(e!)]).toEqual([false, false, false]);
    for (const kind of ['unknown-ca', 'expired', 'legacy-version', 'valid'] as const)
      expect(judgeTrapConnection(kind, e!), kind).toMatchObject([{ ruleId: 'tls.client.no-handshake' }]);
  });

  test('the valid server pipes a completed connection to its upstream', async () => {
    const echo = createServer((s) => s.on('data', (c: Buffer) => s.end(`echo:${c.toString()}`)));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    try {
      const t = await trap('client', { host: '127.0.0.1', port: (echo.address() as AddressInfo).port });
      const out = await talk(
        t.url,
        tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') }),
      );
      expect(out.data).toBe('echo:hello');
      expect(handshakeCompleted(t.exchanges()[0]!)).toBe(true);
      expect(t.exchanges()[0]!.tls?.peerCertificateSubject).toMatch(/CN=client/);
    } finally {
      echo.close();
    }
  });
});
