// `--tls-cert/--tls-key/--tls-ca` → node TLS options, one place for every simulator and client
// (SEC-001: TLS 1.2 minimum; SEC-002: a CA given means mutual TLS, certificates verified).
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, TlsOptions } from 'node:tls';
import { BCP195_CIPHERS } from './bcp195.ts';

export interface TlsFlags {
  /** PEM certificate (chain) file presented to the peer. */
  tlsCert?: string;
  /** PEM private key file (PKCS#8 or traditional). */
  tlsKey?: string;
  /** PEM CA file the peer's certificate must chain to. */
  tlsCa?: string;
}

export class TlsConfigError extends Error {
  override name = 'TlsConfigError';
}

// BCP 195 (RFC 9325 §3.1.1): TLS 1.0 and 1.1 must not be negotiated.
const MIN_VERSION = 'TLSv1.2';

/**
 * Server options, or undefined when no TLS flag is given (plain TCP/HTTP).
 * With --tls-ca the server asks for a client certificate and refuses the handshake
 * when none is sent or it does not chain to that CA.
 */
export function tlsServerOptions(flags: TlsFlags): TlsOptions | undefined {
  if (!flags.tlsCert && !flags.tlsKey && !flags.tlsCa) return undefined;
  if (!flags.tlsCert || !flags.tlsKey) throw new TlsConfigError('a TLS server needs both --tls-cert and --tls-key');
  const ca = flags.tlsCa ? read(flags.tlsCa, '--tls-ca') : undefined;
  return {
    cert: read(flags.tlsCert, '--tls-cert'),
    key: read(flags.tlsKey, '--tls-key'),
    minVersion: MIN_VERSION,
    // Node's default list still enables CBC suites at TLS 1.2, which BCP 195 rules out.
    ciphers: BCP195_CIPHERS,
    ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}),
  };
}

/**
 * Client options: the server is always verified (against --tls-ca when given, else the
 * system store); --tls-cert/--tls-key add our client certificate for mutual TLS.
 */
export function tlsClientOptions(flags: TlsFlags): ConnectionOptions {
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey))
    throw new TlsConfigError('a TLS client certificate needs both --tls-cert and --tls-key');
  return {
    minVersion: MIN_VERSION,
    ciphers: BCP195_CIPHERS,
    rejectUnauthorized: true,
    ...(flags.tlsCa ? { ca: read(flags.tlsCa, '--tls-ca') } : {}),
    ...(flags.tlsCert && flags.tlsKey ? { cert: read(flags.tlsCert, '--tls-cert'), key: read(flags.tlsKey, '--tls-key') } : {}),
  };
}

function read(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new TlsConfigError(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
