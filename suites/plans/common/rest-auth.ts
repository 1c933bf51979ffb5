// IUA on a REST server the SUT runs (SEC-005, SEC-006), for any plan: without a token, or with
// one that is not a valid JWT, the answer is 401 with a Bearer challenge (RFC 6750 §3); a valid
// token for another patient gets 403 (or 404 where policy hides existence). The plan gives the
// request to make (a URL about the profile's patient) and its own finding IDs.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../model/exchange.ts';
import type { Finding } from '../../../model/finding.ts';
import { payloadOf } from '../../../simulators/kit/recorder.ts';
import { httpsFetch } from '../../../simulators/tls/https-fetch.ts';
import {
  defineGroup,
  defineStep,
  defineTest,
  type Applicability,
  type GroupDef,
  type StepContext,
  type StepOutcome,
} from '../../engine/dsl.ts';
import { clientTls } from './client-tls.ts';
import { exchangeFinding } from './step-kit.ts';

export interface AuthAnswer {
  status?: number;
  wwwAuthenticate?: string;
  exchange: Exchange;
}

/** One GET with the given headers (our TLS options when the URL is https://), recorded as the step's evidence. */
export async function authGet(
  ctx: StepContext,
  c: { url: string; transaction: string; accept: string },
  headers: Record<string, string>,
): Promise<AuthAnswer> {
  const h = { accept: c.accept, ...headers };
  const exchange: Exchange = {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction: c.transaction,
    from: 'mcwg',
    to: c.url,
    request: payloadOf({ summary: `GET ${c.url}`, method: 'GET', url: c.url, headers: h }),
  };
  const started = Date.now();
  let out: AuthAnswer = { exchange };
  try {
    const tls = clientTls(ctx.sut);
    const signal = AbortSignal.timeout(30_000);
    let res: Response;
    if (tls && c.url.startsWith('https:')) {
      const a = await httpsFetch(c.url, { headers: h, signal }, tls);
      if (a.tls) exchange.tls = a.tls;
      res = a.response;
    } else res = await fetch(c.url, { headers: h, signal });
    const body = Buffer.from(await res.arrayBuffer());
    exchange.response = payloadOf({
      summary: `HTTP ${res.status}`,
      status: res.status,
      headers: res.headers,
      contentType: res.headers.get('content-type') ?? '',
      body,
    });
    const challenge = res.headers.get('www-authenticate');
    out = { status: res.status, ...(challenge ? { wwwAuthenticate: challenge } : {}), exchange };
  } catch (err) {
    exchange.error = err instanceof Error ? err.message : String(err);
  }
  exchange.durationMs = Date.now() - started;
  await ctx.evidence.exchange(exchange);
  return out;
}

export interface RestAuthOptions {
  actor: string;
  when?: Applicability;
  /** Test id prefix: 'mhd' gives mhd.auth.no-token and mhd.auth.other-patient. */
  prefix: string;
  /** The request both checks make: about the profile's patient, so a token for another is not enough. */
  request(ctx: StepContext): { url: string; transaction: string; accept: string };
  /** The plan's finding IDs (declared in its findings.ts). */
  rules: { unauthenticated: string; challenge: string; otherPatient: string };
}

const notChecked = (reqIds: string[], reason: string): StepOutcome => ({ state: 'skip', message: reason, notChecked: { reqIds, reason } });

export function restAuthGroup(o: RestAuthOptions): GroupDef {
  const noToken = defineStep({
    id: 'no-token',
    title: 'Without a token, or with one that is not a valid JWT: 401 with a Bearer challenge',
    verifies: ['SEC-005'],
    async run(ctx) {
      // A profile without auth declares no IUA deployment: not tested (the label stays incomplete).
      if (!ctx.sut.auth) return notChecked(['SEC-005'], 'the SUT profile gives no auth section (IUA tokens)');
      const findings: Finding[] = [];
      for (const [what, headers] of [
        ['no Authorization header', {}],
        ['a token that is not a valid JWT', { authorization: 'Bearer not.a.token' }],
      ] as const) {
        const r = await authGet(ctx, o.request(ctx), headers);
        if (r.status === undefined) return { state: 'error', message: `${r.exchange.error ?? 'no answer'} (${what})` };
        if (r.status !== 401)
          findings.push(
            exchangeFinding(
              o.rules.unauthenticated,
              ['SEC-005'],
              r.exchange,
              'status',
              `with ${what} the SUT answered ${r.status}; expected 401`,
            ),
          );
        else if (!/^Bearer\b/i.test(r.wwwAuthenticate ?? ''))
          findings.push(
            exchangeFinding(
              o.rules.challenge,
              ['SEC-005'],
              r.exchange,
              'WWW-Authenticate',
              `401 with ${what} carries ${r.wwwAuthenticate ? `WWW-Authenticate: ${r.wwwAuthenticate}` : 'no WWW-Authenticate header'}; expected a Bearer challenge (RFC 6750 §3)`,
            ),
          );
      }
      return ctx.fromFindings(findings);
    },
  });
  const otherPatient = defineStep({
    id: 'other-patient',
    title: "A valid token for another patient does not give this patient's documents",
    verifies: ['SEC-006'],
    async run(ctx) {
      if (!ctx.sut.auth) return notChecked(['SEC-006'], 'the SUT profile gives no auth section (IUA tokens)');
      const other = ctx.sut.auth.otherPatientToken;
      if (!other) return notChecked(['SEC-006'], 'the SUT profile gives no auth.otherPatientToken');
      const r = await authGet(ctx, o.request(ctx), { authorization: `Bearer ${other}` });
      if (r.status === undefined) return { state: 'error', message: r.exchange.error ?? 'no answer' };
      return ctx.fromFindings(
        r.status === 403 || r.status === 404
          ? []
          : [
              exchangeFinding(
                o.rules.otherPatient,
                ['SEC-006'],
                r.exchange,
                'status',
                `a token for another patient got ${r.status}; expected 403 (or 404)`,
              ),
            ],
      );
    },
  });
  const when = o.when ? { when: o.when } : {};
  return defineGroup({
    id: 'security-iua',
    title: 'Bearer tokens and rights (IUA)',
    actor: o.actor,
    tests: [
      defineTest({
        id: `${o.prefix}.auth.no-token`,
        title: 'No valid token: 401 with a Bearer challenge',
        verifies: ['SEC-005'],
        ...when,
        steps: [noToken],
      }),
      defineTest({
        id: `${o.prefix}.auth.other-patient`,
        title: 'A token for another patient is refused',
        verifies: ['SEC-006'],
        ...when,
        steps: [otherPatient],
      }),
    ],
  });
}
