// The viewer's metadata read from an https:// WADO-RS source with its TLS client options: over
// mutual TLS with the deployment CA it gets the study; a source whose certificate is from a CA
// the viewer does not trust is refused, and so is a source that wants a client certificate when
// the viewer has none.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { tlsClientOptions, tlsServerOptions } from '../tls/options.ts';
import { sourceMetadata } from './server.ts';

const STUDY = '1.2.826.0.1.3680043.10.543.1';
const METADATA = [{ '0020000D': { vr: 'UI', Value: [STUDY] } }];
let dir: string;
const f = (n: string) => join(dir, n);
const servers: Server[] = [];

async function source(cert: string): Promise<string> {
  const server = createServer(
    tlsServerOptions({ tlsCert: f(`${cert}.crt.pem`), tlsKey: f(`${cert}.key.pem`), tlsCa: f('ca.crt.pem') })!,
    (req, res) => {
      const known = req.url === `/dicom-web/studies/${STUDY}/metadata`;
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/dicom+json' }).end(known ? JSON.stringify(METADATA) : '');
    },
  );
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-iid-tls-'));
  await writePki(dir);
});

afterAll(async () => {
  for (const s of servers) await new Promise((ok) => s.close(ok));
});

describe('sourceMetadata over TLS', () => {
  const viewer = (withCert: boolean) =>
    ({
      ...tlsClientOptions({ tlsCa: f('ca.crt.pem'), ...(withCert ? { tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') } : {}) }),
      servername: 'localhost',
    }) as const;

  test('reads the study from a mutual-TLS source of the deployment', async () => {
    expect(await sourceMetadata(await source('server'), 5_000, viewer(true))(STUDY)).toEqual(METADATA);
  });

  test('refuses a source whose certificate is from an unknown CA', async () => {
    await expect(sourceMetadata(await source('untrusted'), 5_000, viewer(true))(STUDY)).rejects.toThrow();
  });

  test('is refused by a mutual-TLS source when it presents no certificate', async () => {
    await expect(sourceMetadata(await source('server'), 5_000, viewer(false))(STUDY)).rejects.toThrow();
  });
});
