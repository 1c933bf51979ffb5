// The SUT's TLS, tested the way a projectathon security tester does (SEC-001: TLS 1.2+, BCP 195
// suites, no legacy versions; SEC-002: certificate chain, dates and host, and mutual
// authentication: no certificate, an unknown CA's and an expired one refused, ours accepted).
// One group any plan adds for a server role: each of the named endpoints that is https:// or
// mllps:// is probed once per run (simulators/tls probeTls) and both tests read that probe.
import { readFileSync } from 'node:fs';
import { probeTls, type PemKeyPair, type TlsProbeResult } from '../../../simulators/tls/probe.ts';
import {
  defineGroup,
  defineStep,
  defineTest,
  type Applicability,
  type GroupDef,
  type StepContext,
  type StepOutcome,
} from '../../engine/dsl.ts';
import type { SutProfile } from '../../profiles/profile.ts';

export interface TlsGroupOptions {
  /** The plan's actor (only its tests are credited to the role). */
  actor: string;
  /** Names under `endpoints` in the SUT profile that the role serves. */
  endpoints: readonly string[];
  when?: Applicability;
  /** Test id prefix, e.g. 'wado' gives wado.tls.server and wado.tls.mutual. */
  prefix: string;
}

interface TlsTarget {
  name: string;
  host: string;
  port: number;
  https: boolean;
}

/**
 * The role's endpoints that speak TLS (https://, mllps://), with host and port; an endpoint on
 * the host and port of an earlier one is the same TLS server and is probed once.
 */
export function tlsTargets(sut: SutProfile, names: readonly string[]): TlsTarget[] {
  const out: TlsTarget[] = [];
  for (const name of names) {
    const raw = sut.endpoints[name];
    if (!raw || !/^(https|mllps):\/\//.test(raw)) continue;
    const u = new URL(raw.replace(/^mllps:/, 'https:'));
    const t = { name, host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), https: raw.startsWith('https:') };
    if (!out.some((o) => o.host === t.host && o.port === t.port)) out.push(t);
  }
  return out;
}

const pem = (p: { cert: string; key: string } | undefined): PemKeyPair | undefined =>
  p ? { cert: readFileSync(p.cert, 'utf8'), key: readFileSync(p.key, 'utf8') } : undefined;

export function tlsGroup(o: TlsGroupOptions): GroupDef {
  // One probe per endpoint and run: both tests read it (the handshakes are the slow part).
  const probes = new Map<string, Promise<TlsProbeResult>>();
  const probe = (sut: SutProfile, t: TlsTarget): Promise<TlsProbeResult> => {
    const tls = sut.tls!;
    let p = probes.get(t.name);
    if (!p) {
      const client = pem(tls.client);
      const untrusted = pem(tls.untrusted);
      const expired = pem(tls.expired);
      p = probeTls({
        host: t.host,
        port: t.port,
        servername: tls.servername ?? t.host,
        ca: readFileSync(tls.ca, 'utf8'),
        ...(client ? { client } : {}),
        ...(untrusted ? { untrusted } : {}),
        ...(expired ? { expired } : {}),
        // An HTTP server that accepted us answers this at once; an MLLP one stays silent.
        ...(t.https ? { send: `HEAD / HTTP/1.1\r\nHost: ${t.host}\r\nConnection: close\r\n\r\n` } : {}),
      });
      probes.set(t.name, p);
    }
    return p;
  };

  const step = (req: 'SEC-001' | 'SEC-002') =>
    defineStep({
      id: req === 'SEC-001' ? 'tls-server' : 'tls-mutual',
      title:
        req === 'SEC-001'
          ? 'Versions and cipher suites of each TLS endpoint'
          : 'Certificate and mutual authentication of each TLS endpoint',
      verifies: [req],
      async run(ctx: StepContext): Promise<StepOutcome> {
        const sut = ctx.sut;
        const targets = tlsTargets(sut, o.endpoints);
        const notChecked = (reason: string): StepOutcome => ({ state: 'skip', message: reason, notChecked: { reqIds: [req], reason } });
        if (targets.length === 0) return notChecked(`none of the role's endpoints (${o.endpoints.join(', ')}) is https:// or mllps://`);
        if (!sut.tls) return notChecked('the SUT profile has no tls section (the deployment CA and our client certificate)');
        if (req === 'SEC-002' && !sut.tls.client)
          return notChecked('the SUT profile gives no tls.client certificate: mutual TLS cannot be probed');
        const findings = [];
        const evidence: string[] = [];
        for (const t of targets) {
          const r = await probe(sut, t);
          // Nobody answered: our side could not reach the SUT, which is an error, not a verdict.
          if (r.unreachable) return { state: 'error', message: `${t.name} ${t.host}:${t.port}: ${r.unreachable}` };
          const mine = r.checks.filter((c) => c.reqIds.includes(req));
          evidence.push(
            await ctx.evidence.attach(
              `tls-${t.name}-${req}.json`,
              Buffer.from(
                `${JSON.stringify({ endpoint: sut.endpoints[t.name], versions: r.versions, cipher: r.cipher ?? null, checks: mine }, null, 1)}\n`,
              ),
              'application/json',
            ),
          );
          findings.push(...r.findings.filter((f) => f.reqIds.includes(req)));
        }
        return ctx.fromFindings(findings, evidence);
      },
    });

  return defineGroup({
    id: 'security-tls',
    title: 'TLS (SEC-001, SEC-002)',
    actor: o.actor,
    tests: [
      defineTest({
        id: `${o.prefix}.tls.server`,
        title: 'TLS 1.2 or later only, with BCP 195 cipher suites',
        verifies: ['SEC-001'],
        ...(o.when ? { when: o.when } : {}),
        steps: [step('SEC-001')],
      }),
      defineTest({
        id: `${o.prefix}.tls.mutual`,
        title: 'Certificate to the deployment CA; clients without a valid certificate refused',
        verifies: ['SEC-002'],
        ...(o.when ? { when: o.when } : {}),
        steps: [step('SEC-002')],
      }),
    ],
  });
}
