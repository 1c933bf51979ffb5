// The browser is given our client certificate only for an origin our own client verified first:
// a server with the deployment CA's certificate gets it, one from an unknown CA is refused
// before any page opens, and plain http:// needs nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceTls, type ReferenceTls } from '../../reference-sut/reference-tls.ts';
import { browserTls } from './browser-tls.ts';

describe('browserTls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-browser-tls-'));
  let pki: ReferenceTls;
  const servers: Server[] = [];
  const serve = async (opts: object): Promise<string> => {
    const s = createServer(opts, (_q, r) => r.end('ok'));
    s.on('tlsClientError', () => undefined);
    servers.push(s);
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
    return `https://127.0.0.1:${(s.address() as AddressInfo).port}/iid`;
  };
  beforeAll(async () => void (pki = await referenceTls(dir)));
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('gives the client certificate for a verified origin, and turns off only the browser check', async () => {
    const url = await serve(pki.server);
    expect(await browserTls({ tls: pki.profile }, url)).toEqual({
      ignoreHTTPSErrors: true,
      clientCertificates: [{ origin: new URL(url).origin, certPath: pki.profile.client!.cert, keyPath: pki.profile.client!.key }],
    });
  });

  test('refuses an origin whose certificate is from an unknown CA', async () => {
    const untrusted = pki.profile.untrusted!;
    const url = await serve({ cert: readFileSync(untrusted.cert), key: readFileSync(untrusted.key) });
    await expect(browserTls({ tls: pki.profile }, url)).rejects.toThrow(/no verified TLS connection to https:\/\/127\.0\.0\.1:\d+/);
  });

  test('needs nothing for http:// or without a tls section', async () => {
    expect(await browserTls({ tls: pki.profile }, 'http://127.0.0.1:9/iid')).toEqual({});
    expect(await browserTls({}, 'https://127.0.0.1:9/iid')).toEqual({});
  });
});
