// The initiator TLS group on scripted trap records: refusals pass, an accepted bad certificate
// fails, and a connection that carried no ClientHello is never read as a refusal: the step waits
// past it, and when nothing else comes it fails saying the SUT never started a handshake.
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../../model/exchange.ts';
import { definePlan } from '../../engine/dsl.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { scriptedSimulator, sut, TOOL } from '../../engine/scripted.ts';
import { initiatorTlsGroup, TRAP_KEYS } from './initiator-tls.ts';

type Scripted = ReturnType<typeof scriptedSimulator>;
type Conn = Partial<Exchange> & Pick<Exchange, 'id'>;

const refused = (id: string): Conn => ({ id, request: { size: 517 }, error: 'the SUT closed the connection during the handshake' });
const accepted = (id: string): Conn => ({ id, request: { size: 900 }, tls: { protocol: 'TLSv1.3' } });
const empty = (id: string): Conn => ({ id, request: { size: 0 }, error: 'the connection ended before any byte (closed)' });

async function run(conns: Partial<Record<keyof typeof TRAP_KEYS, Conn[]>>) {
  const sims: Record<string, Scripted> = {};
  for (const [kind, key] of Object.entries(TRAP_KEYS)) {
    const s = scriptedSimulator();
    for (const c of conns[kind as keyof typeof TRAP_KEYS] ?? []) s.record({ ...c, transaction: `TLS server certificate (${kind})` });
    sims[key] = s;
  }
  const plan = definePlan({
    id: 'initiator-tls-test',
    version: '0.0.0',
    title: 'initiator TLS',
    groups: [initiatorTlsGroup({ actor: 'Imaging Document Source', prefix: 't', what: 'a manifest', path: '/x', waitMs: 200 })],
  });
  return runPlan(plan, { sut: sut(), tool: TOOL, simulators: sims, pollMs: 10 });
}

const states = (r: Awaited<ReturnType<typeof run>>) => r.tests.map((t) => [t.id, t.state]);

describe('initiator TLS group', () => {
  test('passes when the SUT refuses the bad servers and goes on with the valid one', async () => {
    const r = await run({
      'legacy-version': [refused('l')],
      'unknown-ca': [refused('u')],
      expired: [refused('e')],
      valid: [accepted('v')],
    });
    expect(states(r)).toEqual([
      ['t.tls.client-version', 'pass'],
      ['t.tls.server-certificate', 'pass'],
    ]);
  });

  test('fails SEC-002 when the SUT goes on with an expired certificate', async () => {
    const r = await run({
      'legacy-version': [refused('l')],
      'unknown-ca': [refused('u')],
      expired: [accepted('e')],
      valid: [accepted('v')],
    });
    expect(states(r)).toEqual([
      ['t.tls.client-version', 'pass'],
      ['t.tls.server-certificate', 'fail'],
    ]);
    expect(r.tests[1]!.steps.flatMap((s) => s.findings.map((f) => f.ruleId))).toEqual(['tls.client.expired-accepted']);
  });

  test('a connection without a ClientHello is waited past: the refusal after it counts', async () => {
    const r = await run({
      'legacy-version': [refused('l')],
      'unknown-ca': [empty('u0'), refused('u')],
      expired: [refused('e')],
      valid: [accepted('v')],
    });
    expect(states(r)).toEqual([
      ['t.tls.client-version', 'pass'],
      ['t.tls.server-certificate', 'pass'],
    ]);
    expect(r.tests[1]!.steps[0]!.evidence).toEqual(['u']);
  });

  test('a SUT that never sends a ClientHello is not taken as refusing: the step fails and says so', async () => {
    const r = await run({ 'legacy-version': [empty('l0')], 'unknown-ca': [refused('u')], expired: [refused('e')], valid: [accepted('v')] });
    expect(states(r)).toEqual([
      ['t.tls.client-version', 'fail'],
      ['t.tls.server-certificate', 'pass'],
    ]);
    const step = r.tests[0]!.steps[0]!;
    expect(step.message).toMatch(/started no TLS handshake .* \(1 connection\(s\) ended before sending a ClientHello\)/);
    expect(step.evidence).toEqual(['l0']);
  });
});
