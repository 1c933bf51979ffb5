// The SUT as TLS client (SEC-001, SEC-002, initiator side), tested from our TLS servers the way a
// projectathon monitor does: servers present a certificate from an unknown CA, an expired one,
// the deployment's valid one, and the valid one over TLS 1.0/1.1 only; the SUT is asked to send
// its transaction to each in turn and must complete the handshake with the valid one alone
// (SEC-002 for the certificates, SEC-001 for the versions). The servers (simulators/tls/trap.ts)
// start with the plan's simulators and print their URLs like any other simulator endpoint; the
// valid one pipes the connection to the plan's own simulator so the SUT gets its real answer.
import { readFileSync } from 'node:fs';
import type { Exchange, Simulator } from '../../../model/exchange.ts';
import { clientHelloSeen, judgeTrapConnection, startTlsTrap, type TrapCertificate } from '../../../simulators/tls/trap.ts';
import {
  defineGroup,
  defineStep,
  defineTest,
  type Applicability,
  type GroupDef,
  type StepContext,
  type StepOutcome,
  type StepVerdict,
} from '../../engine/dsl.ts';
import { WaitTimeout } from '../../engine/wait-for.ts';
import type { SutProfile } from '../../profiles/profile.ts';

/** The simulator key of each trap (as steps and printed endpoints see them). */
export const TRAP_KEYS: Readonly<Record<TrapCertificate, string>> = {
  'unknown-ca': 'tls-unknown-ca',
  expired: 'tls-expired',
  valid: 'tls-valid',
  'legacy-version': 'tls-legacy-version',
};
const TRANSACTION = (kind: TrapCertificate) => `TLS server certificate (${kind})`;

/**
 * The three traps from the profile's tls section (our valid certificate is tls.client, issued
 * by the deployment CA for both TLS roles); none without it. `upstream` is the URL of the
 * plan's simulator the valid trap pipes to.
 */
export async function startTlsTraps(sut: Pick<SutProfile, 'tls'>, upstream: string | undefined): Promise<Record<string, Simulator>> {
  const t = sut.tls;
  if (!t?.client || !t.untrusted || !t.expired) return {};
  const pem = (p: { cert: string; key: string }) => ({ cert: readFileSync(p.cert, 'utf8'), key: readFileSync(p.key, 'utf8') });
  const up = upstream ? new URL(upstream.replace(/^mllps?:/, 'http:')) : undefined;
  const scheme = upstream?.startsWith('mllp') ? 'mllps' : 'https';
  const out: Record<string, Simulator> = {};
  try {
    for (const [kind, pair] of [
      ['unknown-ca', t.untrusted],
      ['expired', t.expired],
      ['valid', t.client],
      ['legacy-version', t.client],
    ] as const)
      out[TRAP_KEYS[kind]] = await startTlsTrap({
        ...pem(pair),
        transaction: TRANSACTION(kind),
        scheme,
        legacy: kind === 'legacy-version',
        ...(kind === 'valid' && up ? { upstream: { host: up.hostname, port: Number(up.port) } } : {}),
      });
  } catch (err) {
    for (const s of Object.values(out)) await s.stop();
    throw err;
  }
  return out;
}

/** A plan's simulator starter with the traps added, piping the valid one to simulator `upstreamKey`. */
export function withTlsTraps<O extends object>(
  start: (opts: O) => Promise<Record<string, Simulator>>,
  upstreamKey: string,
): (opts: O & { sut?: Pick<SutProfile, 'tls'> }) => Promise<Record<string, Simulator>> {
  return async (opts) => {
    const sims = await start(opts);
    try {
      return { ...sims, ...(await startTlsTraps(opts.sut ?? {}, sims[upstreamKey]?.url)) };
    } catch (err) {
      for (const s of Object.values(sims)) await s.stop();
      throw err;
    }
  };
}

/**
 * No ClientHello reached the trap within the wait: the SUT was not seen refusing, so this is no
 * pass. It fails as any SUT-initiated step whose transaction never comes (the engine's wait
 * timeout), saying what did arrive: connections that ended before any byte.
 */
async function neverCame(ctx: StepContext, trap: Simulator, waitMs: number): Promise<StepVerdict> {
  const empty = trap.exchanges().filter((e) => !clientHelloSeen(e));
  for (const e of empty) await ctx.evidence.exchange(e);
  return {
    state: 'fail',
    message: `the SUT started no TLS handshake with ${trap.url} within ${Math.round(waitMs / 1000)} s${
      empty.length ? ` (${empty.length} connection(s) ended before sending a ClientHello)` : ''
    }: it was not seen refusing or accepting this server`,
    evidence: empty.map((e) => e.id),
  };
}

export interface InitiatorTlsOptions {
  actor: string;
  /** Test id prefix: 'ids' gives ids.tls.server-certificate. */
  prefix: string;
  when?: Applicability;
  /** What the SUT is asked to send, e.g. 'a manifest by RAD-68'. */
  what: string;
  /** Path the SUT sends to on the trap (e.g. /xds/repository), '' for MLLP. */
  path: string;
  waitMs: number;
  /** Each test's own timeout, for plans whose default is shorter than the waits need. */
  testTimeoutMs?: number;
}

export function initiatorTlsGroup(o: InitiatorTlsOptions): GroupDef {
  const step = (kind: TrapCertificate) => {
    const req = kind === 'legacy-version' ? 'SEC-001' : 'SEC-002';
    return defineStep({
      id: `tls-client-${kind}`,
      title: {
        valid: "With the deployment's valid server certificate the SUT completes the handshake",
        expired: 'A server certificate that has expired is refused',
        'unknown-ca': 'A server certificate from an unknown CA is refused',
        'legacy-version': 'A server offering only TLS 1.0 and 1.1 is refused',
      }[kind],
      verifies: [req],
      async run(ctx): Promise<StepOutcome> {
        const trap = ctx.simulators[TRAP_KEYS[kind]];
        if (!trap) {
          const reason = 'the SUT profile has no tls section with client, untrusted and expired certificates: our TLS servers cannot start';
          return { state: 'skip', message: reason, notChecked: { reqIds: [req], reason } };
        }
        let ex: Exchange;
        try {
          ex = await ctx.waitFor({
            transaction: TRANSACTION(kind),
            simulator: TRAP_KEYS[kind],
            timeoutMs: o.waitMs,
            // A connection that ended before any byte offered nothing to refuse: wait on past it.
            match: clientHelloSeen,
            instructions:
              kind === 'valid'
                ? `send ${o.what} again, to ${trap.url}${o.path}: this server presents the deployment's valid certificate, so your system must complete the TLS handshake`
                : `send ${o.what} again, to ${trap.url}${o.path}: this server ${
                    {
                      expired: 'presents an expired certificate',
                      'unknown-ca': 'presents a certificate from a CA the deployment does not trust',
                      'legacy-version': 'offers only TLS 1.0 and 1.1',
                    }[kind]
                  }, so your system must refuse the connection`,
          });
        } catch (err) {
          if (err instanceof WaitTimeout) return neverCame(ctx, trap, o.waitMs);
          throw err;
        }
        return ctx.fromFindings(judgeTrapConnection(kind, ex), [ex.id]);
      },
    });
  };
  return defineGroup({
    id: 'security-tls-client',
    title: 'TLS as client: versions and server certificates (SEC-001, SEC-002)',
    actor: o.actor,
    tests: [
      defineTest({
        id: `${o.prefix}.tls.client-version`,
        title: 'A server offering only TLS below 1.2 is refused',
        verifies: ['SEC-001'],
        ...(o.when ? { when: o.when } : {}),
        ...(o.testTimeoutMs ? { timeoutMs: o.testTimeoutMs } : {}),
        steps: [step('legacy-version')],
      }),
      defineTest({
        id: `${o.prefix}.tls.server-certificate`,
        title: 'Server certificates from an unknown CA or expired are refused; the valid one accepted',
        verifies: ['SEC-002'],
        ...(o.when ? { when: o.when } : {}),
        ...(o.testTimeoutMs ? { timeoutMs: o.testTimeoutMs } : {}),
        steps: [step('unknown-ca'), step('expired'), step('valid')],
      }),
    ],
  });
}
