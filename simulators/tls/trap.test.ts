// The TLS trap servers against node's TLS client with our client options: a verifying client
// refuses the unknown-CA and expired certificates (recorded as not completed, with the alert),
// a client that verifies nothing completes (what the plan fails), and the valid server pipes
// the connection to its upstream.
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
import { handshakeCompleted, notTls, startTlsTrap } from './trap.ts';

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

async function trap(base: string, upstream?: { host: string; port: number }) {
  const t = await startTlsTrap({ ...pair(base), transaction: `TLS ${base}`, ...(upstream ? { upstream } : {}) });
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
