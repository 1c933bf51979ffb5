// Our side failing to reach the SUT is 'error' (nothing could be judged), never 'fail', with
// the endpoint and how it failed: against a real closed port, a real unresolvable host name
// and a real server that accepts and never answers. And a check that could not run reports
// its requirements not tested.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { classifyUnreachable } from '../../model/transport.ts';
import { callSoap } from '../../simulators/clients/xds-soap.ts';
import { definePlan, defineStep, type StepContext } from './dsl.ts';
import { runPlan } from './run-plan.ts';
import { TOOL, finding, pickIds, sut } from './scripted.ts';

const R = pickIds();

/** A step as plan steps are written: call the SUT, record the exchange, judge the answer. */
const callStep = (url: string, timeoutMs = 5_000) =>
  defineStep({
    id: 'call',
    title: 'ask the SUT',
    verifies: [R.a],
    async run(ctx: StepContext) {
      const seen: Exchange[] = [];
      const res = await callSoap(
        { url, action: 'urn:ihe:iti:2007:RegistryStoredQuery', transaction: 'ITI-18', bodyXml: '<q/>', timeoutMs },
        (e) => void seen.push(e),
      );
      for (const e of seen) await ctx.evidence.exchange(e);
      // What a step does with "no answer": an error finding (today's steps all do this).
      return ctx.fromFindings(res.ok ? [] : [{ ...finding([R.a]), message: `no RegistryResponse: ${res.error}` }]);
    },
  });

const runOne = (url: string, timeoutMs?: number) =>
  runPlan(
    definePlan({
      id: 'demo',
      version: '1.0.0',
      title: 'Demo',
      groups: [{ id: 'g', title: 'G', tests: [{ id: 't', title: 't', verifies: [], steps: [callStep(url, timeoutMs)] }] }],
    }),
    { sut: sut(), tool: TOOL },
  );

let closedPort = 0;
let silent: Server;
let silentPort = 0;
const held: Socket[] = [];
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  silent = createServer((sock) => void held.push(sock)); // accepts, never answers
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

describe('transport failures are error, never fail', () => {
  test('a refused connection (real closed port) names the endpoint and ECONNREFUSED', async () => {
    const url = `http://127.0.0.1:${closedPort}/xds/registry`;
    const run = await runOne(url);
    const s = run.tests[0]!.steps[0]!;
    expect([run.state, s.state]).toEqual(['error', 'error']);
    expect(s.message).toBe(`our side could not reach ${url}: ECONNREFUSED (connection refused)`);
    expect(run.requirements.map((r) => [r.id, r.state])).toEqual([[R.a, 'error']]);
    expect(run.counts.fail).toBe(0);
  });

  test('an unresolvable host name names the host and ENOTFOUND (or a failed DNS lookup)', async () => {
    const url = 'http://mcwg-no-such-host.internal:8080/xds/registry';
    const run = await runOne(url);
    const s = run.tests[0]!.steps[0]!;
    expect(s.state).toBe('error');
    expect(s.message).toMatch(
      /^our side could not reach http:\/\/mcwg-no-such-host\.internal:8080\/xds\/registry: (ENOTFOUND \(host name does not resolve\)|EAI_AGAIN \(host name could not be resolved)/,
    );
  });

  test('no answer before the timeout is error with "timeout"', async () => {
    const url = `http://127.0.0.1:${silentPort}/xds/registry`;
    const run = await runOne(url, 300);
    expect(run.tests[0]!.steps[0]).toMatchObject({
      state: 'error',
      message: `our side could not reach ${url}: timeout (no answer before the timeout)`,
    });
  });

  test('a SUT that answers wrongly still fails: only a missing answer is an error', async () => {
    const answering = createServer((sock) =>
      sock.end('HTTP/1.1 500 Oops\r\ncontent-type: text/plain\r\ncontent-length: 4\r\nconnection: close\r\n\r\nOops'),
    );
    await new Promise<void>((r) => answering.listen(0, '127.0.0.1', r));
    try {
      const run = await runOne(`http://127.0.0.1:${(answering.address() as { port: number }).port}/xds/registry`);
      expect(run.tests[0]!.steps[0]!.state).toBe('fail');
      expect(run.requirements.map((r) => [r.id, r.state])).toEqual([[R.a, 'fail']]);
    } finally {
      answering.close();
    }
  });

  test('a step that throws a socket error is classified too', async () => {
    const run = await runPlan(
      definePlan({
        id: 'demo',
        version: '1.0.0',
        title: 'Demo',
        groups: [
          {
            id: 'g',
            title: 'G',
            tests: [
              {
                id: 't',
                title: 't',
                verifies: [R.a],
                steps: [
                  defineStep({
                    id: 's',
                    title: 's',
                    verifies: [],
                    run: () => fetch(`http://127.0.0.1:${closedPort}/`).then(() => 'pass' as const),
                  }),
                ],
              },
            ],
          },
        ],
      }),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests[0]!.steps[0]).toMatchObject({
      state: 'error',
      message: 'our side could not reach the SUT: ECONNREFUSED (connection refused)',
    });
  });

  test('classifies only transport codes: other errors are not unreachable', () => {
    expect(classifyUnreachable(new TypeError('x is undefined'), 'u')).toBeUndefined();
    expect(classifyUnreachable(Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 'u')).toMatchObject({
      code: 'ENOTFOUND',
    });
  });
});

describe('a check that could not run', () => {
  test('its declared requirements are not tested (skip), never pass, while the step passes', async () => {
    const run = await runPlan(
      definePlan({
        id: 'demo',
        version: '1.0.0',
        title: 'Demo',
        groups: [
          {
            id: 'g',
            title: 'G',
            tests: [
              {
                id: 't',
                title: 't',
                verifies: [],
                steps: [
                  defineStep({
                    id: 's',
                    title: 's',
                    verifies: [R.a, R.b],
                    run: (ctx) => ({ ...ctx.fromFindings([]), notChecked: { reqIds: [R.b], reason: 'no location table' } }),
                  }),
                ],
              },
            ],
          },
        ],
      }),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests[0]!.steps[0]).toMatchObject({ state: 'pass', notChecked: { reqIds: [R.b], reason: 'no location table' } });
    expect(run.requirements.map((r) => [r.id, r.state])).toEqual([
      [R.a, 'pass'],
      [R.b, 'skip'],
    ]);
  });

  test('an error finding on a requirement declared not checked still fails it', async () => {
    const run = await runPlan(
      definePlan({
        id: 'demo',
        version: '1.0.0',
        title: 'Demo',
        groups: [
          {
            id: 'g',
            title: 'G',
            tests: [
              {
                id: 't',
                title: 't',
                verifies: [],
                steps: [
                  defineStep({
                    id: 's',
                    title: 's',
                    verifies: [R.a, R.b],
                    run: (ctx) => ({ ...ctx.fromFindings([finding([R.b])]), notChecked: { reqIds: [R.b], reason: 'partly' } }),
                  }),
                ],
              },
            ],
          },
        ],
      }),
      { sut: sut(), tool: TOOL },
    );
    expect(run.requirements.map((r) => [r.id, r.state])).toEqual([
      [R.a, 'pass'],
      [R.b, 'fail'],
    ]);
  });
});

describe('MLLP', () => {
  test('a refused MLLP endpoint is marked unreachable by the RIS client', async () => {
    const { sendHl7 } = await import('../../simulators/ris/client.ts');
    const sent = await sendHl7({ host: '127.0.0.1', port: closedPort, timeoutMs: 2_000 }, [
      'MSH|^~\\&|A|B|C|D|20260101||ORU^R01|X1|P|2.5.1\r',
    ]);
    expect(sent.exchanges[0]).toMatchObject({
      unreachable: { code: 'ECONNREFUSED', endpoint: `mllp://127.0.0.1:${closedPort}` },
      error: `connect failed: our side could not reach mllp://127.0.0.1:${closedPort}: ECONNREFUSED (connection refused)`,
    });
  });
});
