// Our clients' TLS towards a SUT, from the profile's tls section: the deployment CA verifies
// the SUT's certificate and our client certificate authenticates us (mutual TLS). Undefined
// without a tls section: https:// endpoints are then verified against the system store.
import type { ConnectionOptions } from 'node:tls';
import { tlsClientOptions } from '../../../simulators/tls/options.ts';
import type { SutProfile } from '../../profiles/profile.ts';

export function clientTls(sut: Pick<SutProfile, 'tls'>): ConnectionOptions | undefined {
  const t = sut.tls;
  if (!t) return undefined;
  return {
    ...tlsClientOptions({ tlsCa: t.ca, ...(t.client ? { tlsCert: t.client.cert, tlsKey: t.client.key } : {}) }),
    ...(t.servername ? { servername: t.servername } : {}),
  };
}

/** `{ tls }` to spread into a client's options, or nothing. */
export const withClientTls = (sut: Pick<SutProfile, 'tls'>): { tls?: ConnectionOptions } => {
  const tls = clientTls(sut);
  return tls ? { tls } : {};
};

/** The Authorization header our REST clients send when the profile gives a token (IUA). */
export const authHeaders = (sut: Pick<SutProfile, 'auth'>): Record<string, string> =>
  sut.auth ? { authorization: `Bearer ${sut.auth.token}` } : {};

/** TLS options and the bearer header together: what every REST client call of a plan spreads in. */
export const withClientSecurity = (
  sut: Pick<SutProfile, 'tls' | 'auth'>,
): { tls?: ConnectionOptions; headers?: Record<string, string> } => {
  const h = authHeaders(sut);
  return { ...withClientTls(sut), ...(Object.keys(h).length ? { headers: h } : {}) };
};
