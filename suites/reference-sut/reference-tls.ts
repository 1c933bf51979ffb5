// The TLS of a reference SUT (SEC-001, SEC-002): a test PKI of its own, mutual TLS with it, and
// the profile's tls section our side needs to probe it (deployment CA, our client certificate,
// the unknown-CA and expired ones). A TLS defect weakens exactly one property.
import { join } from 'node:path';
import type { ConnectionOptions, TlsOptions } from 'node:tls';
import { writePki } from '../../fixtures/builders/pki.ts';
import { tlsClientOptions, tlsServerOptions } from '../../simulators/tls/options.ts';
import type { MutationDefect } from '../engine/plan-module.ts';
import type { SutProfile } from '../profiles/profile.ts';

/** legacy-versions fails SEC-001 only; no-client-auth fails SEC-002 only. */
export type TlsWeakness = 'legacy-versions' | 'no-client-auth';

/** The weakness the references' shared TLS variants (`tls-legacy-versions`, `tls-no-client-auth`) inject; none for other defects. */
export function tlsWeaknessOf(defect: string | undefined): TlsWeakness | undefined {
  return defect === 'tls-legacy-versions' ? 'legacy-versions' : defect === 'tls-no-client-auth' ? 'no-client-auth' : undefined;
}

export interface ReferenceTls {
  server: TlsOptions;
  profile: NonNullable<SutProfile['tls']>;
}

export async function referenceTls(pkiDir: string, weakness?: TlsWeakness): Promise<ReferenceTls> {
  await writePki(pkiDir);
  const f = (name: string) => join(pkiDir, name);
  const files = { tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem') };
  const mutual = tlsServerOptions({ ...files, tlsCa: f('ca.crt.pem') })!;
  const server =
    weakness === 'no-client-auth'
      ? // Server authentication only: a client without a certificate (or with any) gets in.
        tlsServerOptions(files)!
      : weakness === 'legacy-versions'
        ? // TLS 1.0 and 1.1 accepted, with the CBC suites they need (security level 0 for SHA-1).
          { ...mutual, minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' }
        : mutual;
  return {
    server,
    profile: {
      ca: f('ca.crt.pem'),
      client: { cert: f('client.crt.pem'), key: f('client.key.pem') },
      untrusted: { cert: f('untrusted.crt.pem'), key: f('untrusted.key.pem') },
      expired: { cert: f('expired.crt.pem'), key: f('expired.key.pem') },
      servername: 'localhost',
    },
  };
}

/** The shared variants of a reference that initiates TLS (its client side, checked by the plan's TLS servers). */
export type InitiatorTlsDefect = 'accepts-any-server-cert' | 'accepts-legacy-tls';

export type ServerTlsDefect = 'tls-legacy-versions' | 'tls-no-client-auth';

/**
 * The two server-side variants, described for `who` (e.g. 'the gateway'; `plural` for 'the
 * registry and repository'): each fails exactly one requirement of the plan's tlsGroup.
 */
export function serverTlsDefects(who: string, plural = false): Record<ServerTlsDefect, MutationDefect & { id: ServerTlsDefect }> {
  const [accept, ask] = plural ? ['accept', 'ask'] : ['accepts', 'asks'];
  return {
    'tls-legacy-versions': {
      id: 'tls-legacy-versions',
      description: `${who} also ${accept} TLS 1.0 and 1.1, and suites BCP 195 rules out`,
      fails: ['SEC-001'],
    },
    'tls-no-client-auth': {
      id: 'tls-no-client-auth',
      description: `${who} ${ask} no client certificate: a client without one, or with an unknown or expired one, gets in`,
      fails: ['SEC-002'],
    },
  };
}

/**
 * The two initiator variants, described for `who` (e.g. 'the facade, calling the registry,'):
 * each fails exactly one requirement of the plan's initiator TLS group.
 */
export function initiatorTlsDefects(who?: string): Record<InitiatorTlsDefect, MutationDefect & { id: InitiatorTlsDefect }> {
  return {
    'accepts-any-server-cert': {
      id: 'accepts-any-server-cert',
      description: `${who ? `${who} as a TLS client` : 'as a TLS client it'} accepts any server certificate: one from an unknown CA and an expired one too`,
      fails: ['SEC-002'],
    },
    'accepts-legacy-tls': {
      id: 'accepts-legacy-tls',
      description: `${who ? `${who} as a TLS client` : 'as a TLS client it'} completes a handshake at TLS 1.0 or 1.1 when the server offers nothing newer`,
      fails: ['SEC-001'],
    },
  };
}

/**
 * A reference initiator's TLS client options from its profile's tls section: the deployment CA
 * verifies the server, its client certificate authenticates it (mutual TLS). The initiator
 * variants weaken exactly one property: any server certificate will do (SEC-002), or TLS 1.0
 * and 1.1 will do (SEC-001).
 */
export function referenceClientTls(profile: ReferenceTls['profile'], defect: string | undefined): ConnectionOptions {
  const client = profile.client!;
  return {
    ...tlsClientOptions({ tlsCa: profile.ca, tlsCert: client.cert, tlsKey: client.key }),
    ...(profile.servername ? { servername: profile.servername } : {}),
    ...(defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
    ...(defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  };
}
