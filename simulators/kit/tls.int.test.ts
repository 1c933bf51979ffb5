// Every kit simulator over TLS and mutual TLS (issue 18 item 2, SEC-001/SEC-002): the handshake
// matrix (no client certificate, unknown CA, expired, valid; a server certificate for another
// host) from node's TLS client and from openssl s_client, and the TLS parameters in the
// evidence of each exchange; our SOAP, DICOMweb and MLLP clients against openssl s_server -Verify.
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { writePki } from '../../fixtures/builders/pki.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import type { Exchange } from '../../model/exchange.ts';
import { callSoap } from '../clients/xds-soap.ts';
import { getMultipart } from '../clients/wado-rs-exchange.ts';
import { mhdSimulator } from '../mhd/index.ts';
import { sendHl7 } from '../ris/client.ts';
import { startRis, type RisSimulator } from '../ris/server.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { tryHandshake } from '../tls/handshake.ts';
import { tlsClientOptions, tlsServerOptions } from '../tls/options.ts';
import { wadoRsSimulator } from '../wado-rs/index.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { xdsConfig } from '../xds/config.ts';
import { xdsSimulator } from '../xds/server.ts';
import { startSimulators, type RunningSimulators } from './start.ts';

const HAVE_OPENSSL = peerAvailable('openssl');
let dir: string;
const f = (n: string) => join(dir, n);
let store: XdsStore;
let https: RunningSimulators;
let ris: RisSimulator;
let plainServerTls: RunningSimulators;
const fingerprint = (name: string) => new X509Certificate(readFileSync(f(`${name}.crt.pem`))).fingerprint256;
const client = (cert?: string) =>
  tlsClientOptions({ tlsCa: f('ca.crt.pem'), ...(cert ? { tlsCert: f(`${cert}.crt.pem`), tlsKey: f(`${cert}.key.pem`) } : {}) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-kit-tls-'));
  await writePki(dir);
  store = await openStore(`sqlite:${join(dir, 'kit.sqlite')}`);
  const wado = await indexFolder(mkdtempSync(join(tmpdir(), 'mcwg-kit-tls-dicom-')));
  const mutual = tlsServerOptions({ tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem'), tlsCa: f('ca.crt.pem') })!;
  https = await startSimulators({
    plugins: [
      xdsSimulator({ store, config: xdsConfig({ acceptAnyPatient: true }) }),
      mhdSimulator({ store }),
      wadoRsSimulator({ store: wado }),
    ],
    store,
    tls: mutual,
  });
  ris = await startRis({ tls: mutual });
  // Server authentication only (no --tls-ca): any client may connect, the server is still verified.
  plainServerTls = await startSimulators({
    plugins: [wadoRsSimulator({ store: wado })],
    tls: tlsServerOptions({ tlsCert: f('wrong-host.crt.pem'), tlsKey: f('wrong-host.key.pem') })!,
  });
});

afterAll(async () => {
  await ris?.stop();
  await plainServerTls?.stop();
  await https?.stop();
  await store?.close();
});

const MATRIX = [
  ['no client certificate', undefined, false],
  ['a certificate from an unknown CA', 'untrusted', false],
  ['an expired certificate', 'expired', false],
  ['a valid certificate', 'client', true],
] as const;

describe('every simulator serves mutual TLS', () => {
  test('URLs say https:// and mllps://', () => {
    expect(https.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(https.endpoints.map((e) => e.url).every((u) => u.startsWith('https://'))).toBe(true);
    expect(ris.url).toMatch(/^mllps:\/\//);
  });

  const port = (u: string) => Number(new URL(u.replace(/^mllps:/, 'https:')).port);
  test.each(MATRIX)('HTTP (xds, mhd, wado-rs on one port) with %s (%s): accepted=%s', async (_w, cert, accepted) => {
    const out = await tryHandshake(
      {
        host: '127.0.0.1',
        port: port(https.url),
        servername: 'localhost',
        send: 'HEAD /fhir/metadata HTTP/1.1\r\nHost: localhost\r\n\r\n',
      },
      client(cert),
    );
    expect(out.accepted, JSON.stringify(out)).toBe(accepted);
    if (out.accepted) expect(['TLSv1.2', 'TLSv1.3']).toContain(out.info.protocol);
  });

  test.each(MATRIX)('MLLP (ris) with %s (%s): accepted=%s', async (_w, cert, accepted) => {
    const sent = await sendHl7({ host: '127.0.0.1', port: port(ris.url), tls: { ...client(cert), servername: 'localhost' } }, [oruR01()]);
    expect(sent.acks.length === 1, JSON.stringify(sent.exchanges)).toBe(accepted);
  });

  test('a TLS 1.1 client is refused (TLS 1.2 minimum)', async () => {
    const out = await tryHandshake(
      { host: '127.0.0.1', port: port(https.url), servername: 'localhost' },
      { ...client('client'), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' },
    );
    expect(out.accepted).toBe(false);
  });

  test('our client refuses a server certificate for another host', async () => {
    const out = await tryHandshake({ host: '127.0.0.1', port: port(plainServerTls.url), servername: 'localhost' }, client());
    expect(out).toMatchObject({ accepted: false });
  });

  test('evidence of each simulator records version, suite and the client certificate fingerprint', async () => {
    const tls = { ...client('client'), servername: 'localhost' };
    const soap = await callSoap(
      {
        url: `${https.url}/xds/registry`,
        action: 'urn:ihe:iti:2007:RegistryStoredQuery',
        transaction: 'ITI-18',
        bodyXml: '<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>',
        tls,
      },
      () => undefined,
    );
    expect(soap.exchange.response?.status).toBeDefined();
    // Our client records the server's certificate; the simulator records ours.
    expect(soap.exchange.tls?.peerCertificateFingerprint256).toBe(fingerprint('server'));
    const wado = await getMultipart(
      `${https.url}/dicom-web/studies/1.2.3`,
      { accept: 'multipart/related; type="application/dicom"', timeoutMs: 5000, idleTimeoutMs: 5000, tls },
      async () => true,
    );
    expect(wado.status).toBe(404);
    expect(wado.exchange.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    await sendHl7({ host: '127.0.0.1', port: port(ris.url), tls }, [oruR01()]);
    const seen = (xs: Exchange[]) => xs.find((e) => e.tls?.peerCertificateFingerprint256 === fingerprint('client'));
    for (const name of ['xds', 'wado-rs']) {
      const e = seen(https.simulators[name]!.exchanges());
      expect(e, name).toBeDefined();
      expect(e!.tls!.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(e!.tls!.cipher).toMatch(/^TLS_/);
      expect(e!.from).toMatch(/^https:/);
    }
    expect(seen(ris.exchanges())?.tls?.cipher).toMatch(/^TLS_/);
  });
});

/** openssl s_client; true when the server answered our request (so it accepted us). */
async function sClient(port: number, request: string, clientCert?: string): Promise<boolean> {
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
    '-quiet',
  ];
  if (clientCert) args.push('-cert', f(`${clientCert}.crt.pem`), '-key', f(`${clientCert}.key.pem`));
  const proc = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
  proc.stdin.write(request);
  const answered = await new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(out.length > 0), 5000);
    proc.stdout.on('data', () => (clearTimeout(t), resolve(true)));
    proc.once('exit', () => (clearTimeout(t), resolve(out.length > 0)));
  });
  proc.kill();
  return answered;
}

describe.skipIf(!HAVE_OPENSSL)('openssl s_client against the simulators (mutual TLS)', () => {
  const port = (u: string) => Number(new URL(u.replace(/^mllps:/, 'https:')).port);
  test.each(MATRIX)('HTTPS with %s (%s): answered=%s', async (_w, cert, accepted) => {
    expect(await sClient(port(https.url), 'GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', cert)).toBe(
      accepted,
    );
  });
  test.each(MATRIX)('MLLPS with %s (%s): answered=%s', async (_w, cert, accepted) => {
    expect(await sClient(port(ris.url), `\x0b${oruR01()}\x1c\r`, cert)).toBe(accepted);
  });
  test('s_client refuses a simulator presenting a certificate for another host', async () => {
    expect(await sClient(port(plainServerTls.url), 'GET /dicom-web/studies HTTP/1.1\r\nHost: localhost\r\n\r\n', 'client')).toBe(false);
  });
});

/** openssl s_server -Verify on port 0 (-www answers HTTP; a raw peer echoes nothing). */
async function sServer(mutual: boolean, www: boolean): Promise<{ proc: ChildProcess; port: number; out: () => string }> {
  const args = ['s_server', '-accept', '127.0.0.1:0', '-cert', f('server.crt.pem'), '-key', f('server.key.pem'), ...(www ? ['-www'] : [])];
  if (mutual) args.push('-CAfile', f('ca.crt.pem'), '-Verify', '2', '-verify_return_error');
  const proc = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ACCEPT [^\n]*:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`s_server exited ${code}: ${out}`)));
  });
  return { proc, port, out: () => out };
}

describe.skipIf(!HAVE_OPENSSL)('our clients against openssl s_server -Verify', () => {
  let s: Awaited<ReturnType<typeof sServer>>;
  beforeAll(async () => (s = await sServer(true, true)));
  afterAll(() => s?.proc.kill());

  test.each(MATRIX)('DICOMweb client with %s (%s): answered=%s', async (_w, cert, accepted) => {
    const r = await getMultipart(
      `https://localhost:${s.port}/`,
      { accept: 'multipart/related; type="application/dicom"', timeoutMs: 5000, idleTimeoutMs: 5000, tls: client(cert) },
      async () => true,
    );
    expect(r.status !== undefined, JSON.stringify(r.failure)).toBe(accepted);
    if (accepted) expect(r.exchange.tls?.peerCertificateFingerprint256).toBe(fingerprint('server'));
  });

  test.each(MATRIX)('SOAP client with %s (%s): accepted=%s', async (_w, cert, accepted) => {
    // s_server -www answers GET only: a raw s_server prints what a client it accepted sent, so
    // our POST showing up there is the proof the handshake passed (the call then times out).
    const raw = await sServer(true, false);
    try {
      await callSoap(
        {
          url: `https://localhost:${raw.port}/`,
          action: 'urn:x',
          transaction: 'ITI-18',
          bodyXml: '<x/>',
          tls: client(cert),
          timeoutMs: 1500,
        },
        () => undefined,
      );
      expect(raw.out().includes('POST / HTTP/1.1'), raw.out()).toBe(accepted);
    } finally {
      raw.proc.kill();
    }
  });
});
