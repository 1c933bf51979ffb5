// Chromium (through Playwright) towards a SUT that requires mutual TLS: the profile's client
// certificate for the page's origin (Playwright's `clientCertificates`). Playwright presents it
// from its own in-process TLS proxy, which verifies the SUT's certificate against the system
// store only and takes no CA; our deployment CA is not there, so the browser's own check is
// turned off (`ignoreHTTPSErrors`) and the same origin is verified first with our Node client
// (deployment CA, host name, our certificate): a page is opened only behind a verified
// handshake. The TLS properties themselves are the tlsGroup's tests (SEC-001, SEC-002).
import { connect, type TLSSocket } from 'node:tls';
import type { BrowserContextOptions } from '@playwright/test';
import type { SutProfile } from '../../profiles/profile.ts';
import { clientTls } from './client-tls.ts';

const HANDSHAKE_MS = 15_000;

/** Verified handshake with the origin of `url` using our client's TLS settings; throws with the reason otherwise. */
export async function verifyOrigin(sut: Pick<SutProfile, 'tls'>, url: string): Promise<void> {
  const tls = clientTls(sut);
  if (!tls) return;
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const s: TLSSocket = connect({ ...tls, host, port: Number(u.port || 443), servername: tls.servername ?? host });
    const done = (err?: Error) => {
      clearTimeout(timer);
      s.destroy();
      if (err) reject(new Error(`no verified TLS connection to ${u.origin} with the profile's CA and client certificate: ${err.message}`));
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`no handshake within ${HANDSHAKE_MS} ms`)), HANDSHAKE_MS);
    s.once('secureConnect', () => done(s.authorized ? undefined : new Error(String(s.authorizationError))));
    s.once('error', done);
  });
}

/**
 * Browser context options for opening `url`: none for http:// or without a tls section in the
 * profile (the browser then verifies https:// against the system store); else our client
 * certificate for that origin, after `verifyOrigin` passed.
 */
export async function browserTls(sut: Pick<SutProfile, 'tls'>, url: string): Promise<BrowserContextOptions> {
  const client = sut.tls?.client;
  if (!url.startsWith('https:') || !sut.tls) return {};
  await verifyOrigin(sut, url);
  return {
    ignoreHTTPSErrors: true,
    ...(client ? { clientCertificates: [{ origin: new URL(url).origin, certPath: client.cert, keyPath: client.key }] } : {}),
  };
}
