// ATNA audit, tested the way a projectathon monitor does (SEC-003: after each transaction with
// the SUT, its audit message for it arrives at our Audit Record Repository within the profile's
// time limit; SEC-004: that message is a valid DICOM PS3.15 A.5 audit carrying the event,
// participants and objects the transaction's IHE audit table requires, naming the same patient,
// documents and studies as the exchange). One group any plan adds for a role; the transactions
// come from a probe (ours, performed now) or from what a simulator received from the SUT.
// Without an `audit` section in the SUT profile both tests are not tested, never passed.
import type { Exchange, Simulator } from '../../../model/exchange.ts';
import type { Finding } from '../../../model/finding.ts';
import { factsOfExchange, type AuditFacts } from '../../../simulators/audit/facts.ts';
import {
  isAuditRepository,
  startAuditRepository,
  type AuditRecord,
  type RunningAuditRepository,
} from '../../../simulators/audit/repository.ts';
import { tlsServerOptions } from '../../../simulators/tls/options.ts';
import { matchAudit } from '../../../validators/audit/index.ts';
import {
  defineGroup,
  defineStep,
  defineTest,
  type Applicability,
  type GroupDef,
  type StepContext,
  type StepOutcome,
} from '../../engine/dsl.ts';
import type { SimulatorStarter } from '../../engine/plan-module.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { exchangeFinding } from './step-kit.ts';

/** The exchanges with the SUT whose audits must arrive: performed now, or read from a simulator. */
export type AuditProbe = (ctx: StepContext) => Promise<Exchange[]>;

export interface AuditGroupOptions {
  actor: string;
  /** Test id prefix: 'drr' gives drr.audit.sent and drr.audit.content. */
  prefix: string;
  when?: Applicability;
  dependsOn?: string[];
  probe: AuditProbe;
}

/** Under ctx.simulators: our Audit Record Repository, started for the run when the profile has `audit`. */
export const AUDIT_SIMULATOR = 'audit';
/** Time the sender may take to notice our side's end of a failed exchange, beyond its recorded duration. */
const SLACK_MS = 2_000;

interface Expected {
  exchange: Exchange;
  facts: AuditFacts;
  /** Audits of the same transaction received since the exchange, in arrival order. */
  candidates: AuditRecord[];
  /** The first candidate that validates and matches the exchange. */
  good?: AuditRecord;
}

interface Outcome {
  repository: RunningAuditRepository;
  expected: Expected[];
  /** Exchanges whose audits cannot be described (our gap): reported, not judged. */
  unreadable: Exchange[];
}

export function auditGroup(o: AuditGroupOptions): GroupDef {
  // One probe and one wait per run, both tests read it (plans are built fresh for each run).
  let outcome: Promise<Outcome> | undefined;
  const run = (ctx: StepContext, repository: RunningAuditRepository): Promise<Outcome> =>
    (outcome ??= collect(ctx, repository, o.probe, (ctx.sut.audit?.timeLimitSeconds ?? 30) * 1000));

  const step = (req: 'SEC-003' | 'SEC-004') =>
    defineStep({
      id: req === 'SEC-003' ? 'audit-sent' : 'audit-content',
      title:
        req === 'SEC-003'
          ? 'An audit message for each transaction arrives within the time limit'
          : 'Each audit message is a valid PS3.15 audit that matches its transaction',
      verifies: [req],
      async run(ctx): Promise<StepOutcome> {
        const notChecked = (reason: string): StepOutcome => ({ state: 'skip', message: reason, notChecked: { reqIds: [req], reason } });
        if (!ctx.sut.audit)
          return notChecked('the SUT profile has no audit section: where the SUT sends its audit messages is not declared');
        const repository = ctx.simulators[AUDIT_SIMULATOR];
        // Declared but not running: our set-up failed, which is an error, not a verdict.
        if (!isAuditRepository(repository)) return { state: 'error', message: 'our Audit Record Repository is not running for this run' };
        const r = await run(ctx, repository);
        if (r.expected.length === 0)
          return notChecked(
            `no transaction with the SUT to audit${r.unreadable.length ? ` (${r.unreadable.length} exchange(s) not readable)` : ''}`,
          );
        for (const e of r.expected) {
          await ctx.evidence.exchange(e.exchange);
          const audit = e.good ?? e.candidates[0];
          if (audit) await ctx.evidence.exchange(audit.exchange);
        }
        return req === 'SEC-003' ? sent(ctx, r) : content(ctx, r);
      },
    });

  const test = (req: 'SEC-003' | 'SEC-004') =>
    defineTest({
      id: `${o.prefix}.audit.${req === 'SEC-003' ? 'sent' : 'content'}`,
      title:
        req === 'SEC-003'
          ? 'Each transaction is audited to the audit repository in time'
          : 'Audit messages follow PS3.15 and the IHE audit tables',
      verifies: [req],
      // The wait is bounded by the profile's time limit (at most 600 s).
      timeoutMs: 720_000,
      ...(o.when ? { when: o.when } : {}),
      ...(o.dependsOn ? { dependsOn: o.dependsOn } : {}),
      steps: [step(req)],
    });

  return defineGroup({
    id: 'security-audit',
    title: 'ATNA audit (SEC-003, SEC-004)',
    actor: o.actor,
    tests: [test('SEC-003'), test('SEC-004')],
  });
}

async function collect(ctx: StepContext, repository: RunningAuditRepository, probe: AuditProbe, limitMs: number): Promise<Outcome> {
  const exchanges = await probe(ctx);
  const unreadable: Exchange[] = [];
  const expected: Expected[] = [];
  for (const exchange of exchanges) {
    const facts = factsOfExchange(exchange);
    if (facts) expected.push({ exchange, facts, candidates: [] });
    else unreadable.push(exchange);
  }
  await Promise.all(
    expected.map(async (e) => {
      // Audits are stamped by our clock on receipt and the exchange's start is ours too: an audit
      // received before the exchange began cannot record it.
      const start = Date.parse(e.exchange.at);
      const end = start + SLACK_MS + (e.exchange.durationMs ?? 0) + limitMs;
      const isCandidate = (a: AuditRecord) => sameTransaction(a.audited, e.facts.transaction);
      const isGood = (a: AuditRecord) => isCandidate(a) && problems(a, e.facts).length === 0;
      const good = await repository.waitFor({ since: start, match: isGood, timeoutMs: Math.max(0, end - Date.now()), signal: ctx.signal });
      if (good) e.good = good;
      e.candidates = repository.records({
        since: start,
        match: (a) => isCandidate(a) && a.receivedAt.getTime() <= Math.max(end, Date.now()),
      });
    }),
  );
  return { repository, expected, unreadable };
}

// RAD-68 is ITI-41 carrying a KOS manifest (same SOAP action): a repository may audit either.
const PUSH = new Set(['ITI-41', 'RAD-68']);
const sameTransaction = (audited: string | undefined, tx: string): boolean =>
  audited !== undefined && (audited === tx || (PUSH.has(audited) && PUSH.has(tx)));

/** SEC-003: an audit of the transaction arrived in time, whatever it says. */
function sent(ctx: StepContext, r: Outcome): StepOutcome {
  const limit = ctx.sut.audit?.timeLimitSeconds ?? 30;
  const findings = r.expected
    .filter((e) => e.candidates.length === 0)
    .map((e) =>
      exchangeFinding(
        'audit.trail.missing',
        ['SEC-003'],
        e.exchange,
        '/',
        `no audit message recording this ${e.facts.transaction} reached our Audit Record Repository (${r.repository.url}${r.repository.udpUrl ? `, ${r.repository.udpUrl}` : ''}) within ${limit} s; ${r.repository.records().length} message(s) arrived in all`,
      ),
    );
  return ctx.fromFindings(findings);
}

/**
 * SEC-004: the audit found for each transaction validates and names what the exchange did. The
 * validator's rules cite SEC-003 for the audit-table content and SEC-004 for the PS3.15 form; here,
 * once an audit has arrived (SEC-003 met), everything it says is judged as its content (SEC-004).
 */
function content(ctx: StepContext, r: Outcome): StepOutcome {
  const findings: Finding[] = [];
  const arrived = r.expected.filter((e) => e.candidates.length > 0);
  if (arrived.length === 0) {
    const reason = 'no audit message arrived for any transaction (SEC-003), so there is no content to check';
    return { state: 'skip', message: reason, notChecked: { reqIds: ['SEC-004'], reason } };
  }
  for (const e of arrived) {
    if (e.good) continue;
    const a = e.candidates[0]!;
    findings.push(...problems(a, e.facts).map((f) => ({ ...f, evidence: [a.exchange.id, e.exchange.id] })));
  }
  return ctx.fromFindings(findings);
}

/** What is wrong with an audit as the record of an exchange (empty: nothing). */
function problems(a: AuditRecord, f: AuditFacts): Finding[] {
  const artefact = `ITI-20 ${a.exchange.id}`;
  const out: Finding[] = a.findings
    .filter((x) => x.severity === 'error')
    .map((x) => ({ ...x, reqIds: ['SEC-004'], location: { ...x.location, artefact } }));
  if (!a.view) return out;
  // An ITI-41 of a KOS is RAD-68 to an XDS-I.b repository: judged as the transaction the audit names.
  const m = matchAudit(a.view, sameTransaction(a.audited, f.transaction) ? { ...f, transaction: a.audited! } : f);
  for (const why of m.mismatches)
    out.push({
      ruleId: 'audit.match.exchange',
      reqIds: ['SEC-004'],
      severity: 'error',
      message: `${f.transaction}: ${why}`,
      location: { artefact, path: '/AuditMessage' },
    });
  return out;
}

/**
 * A plan's simulator starter plus our Audit Record Repository under `audit`, when the SUT
 * profile declares `audit` (on its port, over mutual TLS when it names a server certificate).
 */
export function withAuditRepository(base?: SimulatorStarter): SimulatorStarter {
  return async (opts) => {
    const sims: Record<string, Simulator> = base ? await base(opts) : {};
    if (!opts.sut.audit) return sims;
    try {
      sims[AUDIT_SIMULATOR] = await startAuditRepositoryFor(opts.sut);
    } catch (err) {
      for (const s of Object.values(sims)) await s.stop().catch(() => undefined);
      throw err;
    }
    return sims;
  };
}

export function startAuditRepositoryFor(sut: Pick<SutProfile, 'audit' | 'tls'>): Promise<RunningAuditRepository> {
  const a = sut.audit;
  const server = a?.server;
  const tls = server
    ? tlsServerOptions({ tlsCert: server.cert, tlsKey: server.key, ...(sut.tls?.ca ? { tlsCa: sut.tls.ca } : {}) })
    : undefined;
  return startAuditRepository({
    ...(a?.host ? { host: a.host } : {}),
    ...(a?.port !== undefined ? { port: a.port } : {}),
    ...(a?.udpPort !== undefined ? { udpPort: a.udpPort } : {}),
    ...(tls ? { tls } : {}),
  });
}

export { firstReceived, mhdResponderProbe, receivedBy, registryProbe, wadoProbe } from './audit-probes.ts';
