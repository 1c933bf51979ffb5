// The SEC-003/SEC-004 group on its own: a probe's exchange, our repository, and audits that
// arrive, arrive wrong, or never arrive; no audit section in the profile means not tested.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../../model/exchange.ts';
import { buildAudit, type BuildOptions } from '../../../simulators/audit/builder.ts';
import { factsOfExchange } from '../../../simulators/audit/facts.ts';
import { startAuditRepository, type RunningAuditRepository } from '../../../simulators/audit/repository.ts';
import { auditSender } from '../../../simulators/audit/sender.ts';
import { definePlan } from '../../engine/dsl.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { TOOL } from '../../engine/scripted.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { auditGroup } from './audit-steps.ts';

const STUDY = '1.2.826.0.1.3680043.2.1143.42';
const PATIENT = 'PAT-9^^^&1.2.3.4&ISO';

const exchange = (): Exchange => ({
  id: `ex-${Math.random()}`,
  at: new Date().toISOString(),
  transaction: 'RAD-107',
  from: 'mcwg-client',
  to: `http://127.0.0.1:1/dicom-web/studies/${STUDY}`,
  request: { size: 0, method: 'GET', url: `http://127.0.0.1:1/dicom-web/studies/${STUDY}` },
  response: { size: 10, status: 200 },
  durationMs: 5,
});

const sut = (audit?: SutProfile['audit']): SutProfile => ({
  name: 'audit test',
  roles: ['WADO-RS Source'],
  endpoints: {},
  aeTitles: {},
  patientIdDomains: [],
  options: [],
  oids: {},
  ...(audit ? { audit } : {}),
});

describe('audit steps (SEC-003, SEC-004)', () => {
  let repo: RunningAuditRepository;
  beforeAll(async () => void (repo = await startAuditRepository({ udpPort: null })));
  afterAll(() => repo.stop());

  /** One run: the probe's exchange is audited as `send` says (or not at all). */
  const run = async (send: 'none' | 'good' | NonNullable<BuildOptions['fault']>, profile = sut({ timeLimitSeconds: 1 })) => {
    const sender = auditSender(`tcp://127.0.0.1:${repo.port}`);
    const plan = definePlan({
      id: 'audit-demo',
      version: '1.0.0',
      title: 'audit demo',
      groups: [
        auditGroup({
          actor: 'WADO-RS Source',
          prefix: 'demo',
          probe: async () => {
            const ex = exchange();
            if (send !== 'none') {
              const facts = { ...factsOfExchange(ex)!, patientId: PATIENT };
              await sender.send(buildAudit(facts, { side: 'source', auditSourceId: 'sut', ...(send !== 'good' ? { fault: send } : {}) })!);
            }
            return [ex];
          },
        }),
      ],
    });
    const r = await runPlan(plan, { sut: profile, tool: TOOL, simulators: { audit: repo } });
    return {
      states: r.tests.map((t) => [t.id, t.state]),
      requirements: Object.fromEntries(r.requirements.map((q) => [q.id, q.state])),
      rules: r.tests.flatMap((t) => t.findings.map((f) => `${f.ruleId} ${f.reqIds.join(',')}`)),
      messages: r.tests.map((t) => t.steps[0]?.message),
    };
  };

  test('an audit that arrives and matches passes both', async () => {
    expect(await run('good')).toMatchObject({ requirements: { 'SEC-003': 'pass', 'SEC-004': 'pass' }, rules: [] });
  });

  test('no audit within the time limit fails SEC-003 only; SEC-004 has nothing to check (not tested)', async () => {
    const r = await run('none');
    expect(r.requirements).toEqual({ 'SEC-003': 'fail', 'SEC-004': 'skip' });
    expect(r.rules).toEqual(['audit.trail.missing SEC-003']);
  });

  test('an audit naming another study fails SEC-004 only', async () => {
    const r = await run('wrong-study');
    expect(r.requirements).toEqual({ 'SEC-003': 'pass', 'SEC-004': 'fail' });
    expect(r.rules).toEqual(['audit.match.exchange SEC-004']);
  });

  test('without an audit section both are not tested, never passed', async () => {
    const r = await run('good', sut());
    expect(r.states).toEqual([
      ['demo.audit.sent', 'skip'],
      ['demo.audit.content', 'skip'],
    ]);
    expect(r.messages[0]).toMatch(/no audit section/);
  });

  test('an audit section without our repository running is our error, not a verdict', async () => {
    const plan = definePlan({
      id: 'audit-demo',
      version: '1.0.0',
      title: 'audit demo',
      groups: [auditGroup({ actor: 'WADO-RS Source', prefix: 'demo', probe: async () => [exchange()] })],
    });
    const r = await runPlan(plan, { sut: sut({ timeLimitSeconds: 1 }), tool: TOOL, simulators: {} });
    expect(r.tests.map((t) => t.state)).toEqual(['error', 'error']);
  });
});
