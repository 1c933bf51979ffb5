// The SUT as TLS client (SEC-002, initiator side), tested from our TLS servers the way a
// projectathon monitor does: three servers present a certificate from an unknown CA, an expired
// one and the deployment's valid one; the SUT is asked to send its transaction to each in turn,
// must refuse the first two and complete with the third. The servers (simulators/tls/trap.ts)
// start with the plan's simulators and print their URLs like any other simulator endpoint; the
// valid one pipes the connection to the plan's own simulator so the SUT gets its real answer.
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../../model/exchange.ts';
import { judgeTrapConnection, startTlsTrap, type TrapCertificate } from '../../../simulators/tls/trap.ts';
import { defineGroup, defineStep, defineTest, type Applicability, type GroupDef, type StepOutcome } from '../../engine/dsl.ts';
import type { SutProfile } from '../../profiles/profile.ts';

/** The simulator key of each trap (as steps and printed endpoints see them). */
export const TRAP_KEYS: Readonly<Record<TrapCertificate, string>> = {
  'unknown-ca': 'tls-unknown-ca',
  expired: 'tls-expired',
  valid: 'tls-valid',
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
    ] as const)
      out[TRAP_KEYS[kind]] = await startTlsTrap({
        ...pem(pair),
        transaction: TRANSACTION(kind),
        scheme,
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
}

export function initiatorTlsGroup(o: InitiatorTlsOptions): GroupDef {
  const step = (kind: TrapCertificate) =>
    defineStep({
      id: `tls-client-${kind}`,
      title:
        kind === 'valid'
          ? "With the deployment's valid server certificate the SUT completes the handshake"
          : `A server certificate ${kind === 'expired' ? 'that has expired' : 'from an unknown CA'} is refused`,
      verifies: ['SEC-002'],
      async run(ctx): Promise<StepOutcome> {
        const trap = ctx.simulators[TRAP_KEYS[kind]];
        if (!trap) {
          const reason = 'the SUT profile has no tls section with client, untrusted and expired certificates: our TLS servers cannot start';
          return { state: 'skip', message: reason, notChecked: { reqIds: ['SEC-002'], reason } };
        }
        const ex = await ctx.waitFor({
          transaction: TRANSACTION(kind),
          simulator: TRAP_KEYS[kind],
          timeoutMs: o.waitMs,
          instructions:
            kind === 'valid'
              ? `send ${o.what} again, to ${trap.url}${o.path}: this server presents the deployment's valid certificate, so your system must complete the TLS handshake`
              : `send ${o.what} again, to ${trap.url}${o.path}: this server presents ${kind === 'expired' ? 'an expired certificate' : 'a certificate from a CA the deployment does not trust'}, so your system must refuse the connection`,
        });
        return ctx.fromFindings(judgeTrapConnection(kind, ex), [ex.id]);
      },
    });
  return defineGroup({
    id: 'security-tls-client',
    title: 'TLS as client: server certificates (SEC-002)',
    actor: o.actor,
    tests: [
      defineTest({
        id: `${o.prefix}.tls.server-certificate`,
        title: 'Server certificates from an unknown CA or expired are refused; the valid one accepted',
        verifies: ['SEC-002'],
        ...(o.when ? { when: o.when } : {}),
        steps: [step('unknown-ca'), step('expired'), step('valid')],
      }),
    ],
  });
}
