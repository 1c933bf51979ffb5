// Probes a SUT's TLS endpoint the way a projectathon security tester does (SEC-001, SEC-002):
// legacy versions refused, a modern version accepted, the negotiated suite against BCP 195,
// weak suites refused, the server certificate chained to the deployment CA, in date and for
// the host; then mutual authentication: without a certificate, with an unknown CA's and with
// an expired one the server must refuse us, with the deployment's it must accept.
// Pure of plan logic: returns every check done (evidence) and the findings of those failed.
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { Finding, Severity } from '../../model/finding.ts';
import { judgeSuite, WEAK_TLS12_CIPHERS } from './bcp195.ts';
import { tryHandshake, type HandshakeOutcome } from './handshake.ts';

export interface PemKeyPair {
  cert: string;
  key: string;
}

export interface TlsProbeInput {
  host: string;
  port: number;
  /** Name the server certificate must carry; defaults to host. */
  servername?: string;
  /** Deployment CA (PEM) the server's chain must lead to. */
  ca: string;
  /** Our valid deployment certificate; without it mutual TLS is not probed. */
  client?: PemKeyPair;
  /** Certificates the server must refuse (fixtures pki: untrusted, expired). */
  untrusted?: PemKeyPair;
  expired?: PemKeyPair;
  /** Bytes that make an accepting server answer (e.g. an HTTP HEAD), to tell acceptance sooner. */
  send?: string;
  settleMs?: number;
  now?: Date;
}

export interface TlsCheck {
  ruleId: string;
  reqIds: string[];
  passed: boolean;
  severity: Severity;
  detail: string;
}

export interface TlsProbeResult {
  checks: TlsCheck[];
  findings: Finding[];
  /** Versions the server accepted, as node names them. */
  versions: string[];
  /** Suite negotiated with our default offer at the best version. */
  cipher?: string;
  /** Set when nothing answered at all: no checks were run. */
  unreachable?: string;
}

type Version = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
const LEGACY: Version[] = ['TLSv1', 'TLSv1.1'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

export async function probeTls(input: TlsProbeInput): Promise<TlsProbeResult> {
  const servername = input.servername ?? input.host;
  const artefact = `tls://${input.host}:${input.port}`;
  const checks: TlsCheck[] = [];
  const add = (ruleId: string, reqIds: string[], passed: boolean, detail: string, severity: Severity = 'error') =>
    checks.push({ ruleId, reqIds, passed, severity, detail });
  const attempt = (opts: ConnectionOptions): Promise<HandshakeOutcome> =>
    tryHandshake(
      {
        host: input.host,
        port: input.port,
        servername,
        ...(input.send ? { send: input.send } : {}),
        ...(input.settleMs ? { settleMs: input.settleMs } : {}),
      },
      // Each check isolates one property: the server certificate is judged from the record,
      // not by letting it abort the version or mutual-TLS attempts.
      { ca: input.ca, rejectUnauthorized: false, checkServerIdentity: () => undefined, ...(input.client ?? {}), ...opts },
    );

  const versions: string[] = [];
  const modern: Partial<Record<Version, HandshakeOutcome>> = {};
  for (const v of ['TLSv1.2', 'TLSv1.3'] as Version[]) modern[v] = await attempt({ minVersion: v, maxVersion: v });
  // Nobody listening is our side's (or the set-up's) problem, not a TLS verdict: the plan step
  // reports it as an error, so no check is claimed to pass or fail.
  const down = [modern['TLSv1.2'], modern['TLSv1.3']].every((r) => r && !r.accepted && NETWORK_CODES.has(r.code ?? ''));
  if (down) return { checks: [], findings: [], versions: [], unreachable: describe(modern['TLSv1.2']) };
  for (const v of LEGACY) {
    // OpenSSL 3 offers TLS 1.0/1.1 only at security level 0 (their SHA-1 signatures).
    const r = await attempt({ minVersion: v, maxVersion: v, ciphers: 'DEFAULT@SECLEVEL=0' });
    if (r.accepted) versions.push(v);
    add(
      'tls.version.legacy-refused',
      ['SEC-001'],
      !r.accepted,
      r.accepted ? `${v} was accepted; TLS below 1.2 must be refused (RFC 8996)` : `${v} refused (${r.reason})`,
    );
  }
  for (const v of ['TLSv1.2', 'TLSv1.3'] as Version[]) if (modern[v]!.accepted) versions.push(v);
  const best = [modern['TLSv1.3'], modern['TLSv1.2']].find((r) => r?.accepted);
  add(
    'tls.version.modern',
    ['SEC-001'],
    Boolean(best),
    best
      ? `accepted ${versions.filter((v) => !LEGACY.includes(v as Version)).join(', ')}`
      : `neither TLS 1.2 nor 1.3 was accepted (${describe(modern['TLSv1.2'])})`,
  );
  if (modern['TLSv1.2'] && !modern['TLSv1.2'].accepted && modern['TLSv1.3']?.accepted)
    add('tls.version.modern', ['SEC-001'], true, 'TLS 1.3 only: fine for BCP 195, but TLS 1.2-only peers cannot connect', 'info');

  let cipher: string | undefined;
  if (best?.accepted) {
    cipher = best.info.cipher;
    for (const r of [modern['TLSv1.3'], modern['TLSv1.2']]) {
      if (!r?.accepted || !r.info.cipher) continue;
      const verdict = judgeSuite(r.info.cipher);
      add(
        'tls.cipher.bcp195',
        ['SEC-001'],
        verdict !== 'refused',
        `${r.info.protocol} negotiated ${r.info.cipher}: ${verdict} under BCP 195 (RFC 9325 §4.2)`,
        verdict === 'acceptable' ? 'warning' : 'error',
      );
      if (verdict === 'acceptable') checks[checks.length - 1]!.passed = false;
    }
    if (modern['TLSv1.2']?.accepted) {
      const weak = await attempt({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: WEAK_TLS12_CIPHERS });
      add(
        'tls.cipher.weak-refused',
        ['SEC-001'],
        !weak.accepted,
        weak.accepted
          ? `offered only suites BCP 195 rules out; the server accepted ${weak.info.cipher}`
          : 'suites outside BCP 195 refused when offered alone',
      );
    }
    certificateChecks(best.peerCertificate, best, servername, input.now ?? new Date(), add);
  }

  if (input.client && best?.accepted) {
    const mutual: [string, PemKeyPair | undefined | null, boolean][] = [
      ['tls.mutual.no-certificate', null, false],
      ['tls.mutual.unknown-ca', input.untrusted, false],
      ['tls.mutual.expired', input.expired, false],
      ['tls.mutual.valid', input.client, true],
    ];
    for (const [ruleId, pair, shouldAccept] of mutual) {
      if (pair === undefined) continue;
      const r = await attempt(pair === null ? { cert: undefined, key: undefined } : { cert: pair.cert, key: pair.key });
      const ok = r.accepted === shouldAccept;
      const what =
        pair === null
          ? 'no client certificate'
          : ruleId === 'tls.mutual.valid'
            ? 'our deployment certificate'
            : ruleId === 'tls.mutual.expired'
              ? 'an expired certificate'
              : "an unknown CA's certificate";
      add(
        ruleId,
        ['SEC-002'],
        ok,
        `with ${what} the server ${r.accepted ? 'accepted' : `refused (${r.reason})`}; expected it to ${shouldAccept ? 'accept' : 'refuse'}`,
      );
    }
  }

  const findings: Finding[] = checks
    .filter((c) => !c.passed)
    .map((c) => ({ ruleId: c.ruleId, reqIds: c.reqIds, severity: c.severity, message: c.detail, location: { artefact, path: c.ruleId } }));
  return { checks, findings, versions, ...(cipher ? { cipher } : {}) };
}

function certificateChecks(
  peer: PeerCertificate | undefined,
  r: Extract<HandshakeOutcome, { accepted: true }>,
  servername: string,
  now: Date,
  add: (ruleId: string, reqIds: string[], passed: boolean, detail: string) => void,
): void {
  if (!peer) {
    add('tls.cert.chain', ['SEC-002'], false, 'the server sent no certificate');
    return;
  }
  const from = Date.parse(peer.valid_from);
  const to = Date.parse(peer.valid_to);
  const inDate = from <= now.getTime() && now.getTime() <= to;
  add(
    'tls.cert.validity',
    ['SEC-002'],
    inDate,
    `server certificate valid ${peer.valid_from} to ${peer.valid_to}${inDate ? '' : '; not valid now'}`,
  );
  // Node reports expiry through authorizationError too; only a chain problem counts here.
  const chainError = r.authorizationError && r.authorizationError !== 'CERT_HAS_EXPIRED' ? r.authorizationError : undefined;
  add(
    'tls.cert.chain',
    ['SEC-002'],
    !chainError,
    chainError
      ? `server certificate does not chain to the deployment CA (${chainError})`
      : `chains to the deployment CA (issuer ${peer.issuer?.CN ?? '?'})`,
  );
  const hostError = checkServerIdentity(servername, peer);
  add(
    'tls.cert.host',
    ['SEC-002'],
    !hostError,
    hostError ? `server certificate is not for ${servername}: ${hostError.message}` : `names ${servername}`,
  );
}

function describe(r: HandshakeOutcome | undefined): string {
  return !r ? 'not tried' : r.accepted ? 'accepted' : r.reason;
}
