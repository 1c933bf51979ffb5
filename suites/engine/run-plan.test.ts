import { describe, expect, test } from 'vitest';
import type { Finding } from '../../model/finding.ts';
import type { RunModel } from '../../model/run.ts';
import { defineStep, definePlan, type PlanDef, type StepDef, type TestDef } from './dsl.ts';
import { PlanError } from './load-plan.ts';
import type { ProgressEvent } from './progress.ts';
import { runPlan } from './run-plan.ts';
import { TOOL, deferred, finding, pickIds, scriptedSimulator, sut } from './scripted.ts';

const R = pickIds();

const plan = (tests: TestDef[], extra: Partial<PlanDef> = {}): PlanDef =>
  definePlan({ id: 'demo', version: '1.0.0', title: 'Demo', groups: [{ id: 'g', title: 'Group', tests }], ...extra });

const step = (id: string, verifies: string[], run: StepDef['run']): StepDef => defineStep({ id, title: id, verifies, run });

// The step under test: validate what the SUT produced; scripted SUTs produce findings.
const validateManifest = (produce: () => Finding[]) => step('manifest-valid', [R.a, R.b], (ctx) => ctx.fromFindings(produce()));

describe('states and roll-up with scripted steps', () => {
  test('a SUT that conforms passes the step, the test, the plan and each requirement', async () => {
    const run = await runPlan(
      plan([{ id: 't1', title: 'Manifest', verifies: [], steps: [validateManifest(() => [finding([R.a], 'warning')])] }]),
      { sut: sut(), tool: TOOL },
    );
    expect(run.state).toBe('pass');
    expect(run.tests[0]).toMatchObject({ id: 't1', group: 'g', state: 'pass', reqIds: [R.a, R.b] });
    expect(run.requirements.map((r) => [r.id, r.state, r.warnings])).toEqual([
      [R.a, 'pass', 1],
      [R.b, 'pass', 0],
    ]);
    expect(run.requirements[0]!.level).toBe('SHALL');
    expect(run.counts).toEqual({ pass: 1, fail: 0, skip: 0, omit: 0, error: 0, wait: 0 });
    expect(run.incomplete).toBe(false);
  });

  test('a SUT that does not conform fails exactly the requirement its error finding cites', async () => {
    const run = await runPlan(plan([{ id: 't1', title: 'Manifest', verifies: [], steps: [validateManifest(() => [finding([R.b])])] }]), {
      sut: sut(),
      tool: TOOL,
    });
    expect(run.state).toBe('fail');
    expect(run.tests[0]!.steps[0]).toMatchObject({ state: 'fail', findings: [{ reqIds: [R.b], severity: 'error' }] });
    expect(run.requirements.map((r) => [r.id, r.state, r.errors])).toEqual([
      [R.a, 'pass', 0],
      [R.b, 'fail', 1],
    ]);
  });

  test('an unexpected throw in a step is error, never fail, and later steps are skipped', async () => {
    const run = await runPlan(
      plan([
        {
          id: 't1',
          title: 'Breaks',
          verifies: [R.c],
          steps: [
            step('boom', [], () => {
              throw new TypeError('oops');
            }),
            step('after', [], () => 'pass'),
          ],
        },
      ]),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests[0]!.state).toBe('error');
    expect(run.tests[0]!.steps.map((s) => [s.state, s.message])).toEqual([
      ['error', 'step threw: TypeError: oops'],
      ['skip', 'not run: step boom ended error'],
    ]);
    expect(run.state).toBe('error');
  });

  test('a test that does not apply to the SUT is omitted and hides no result', async () => {
    const run = await runPlan(
      plan([
        { id: 'wado', title: 'WADO', verifies: [R.d], when: { roles: ['WADO-RS Source'] }, steps: [step('s', [], () => 'pass')] },
        { id: 'mhd', title: 'MHD', verifies: [R.c], when: { options: ['MHD'] }, steps: [step('s', [], () => 'pass')] },
        { id: 'kos', title: 'KOS', verifies: [R.a], steps: [step('s', [], () => 'pass')] },
      ]),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests.map((t) => t.state)).toEqual(['omit', 'omit', 'pass']);
    expect(run.tests[1]!.message).toBe('not applicable: the SUT does not declare option MHD');
    expect(run.state).toBe('pass');
  });
});

describe('timeouts', () => {
  test('a test past its timeout fails with the reason and skips its remaining steps', async () => {
    const run = await runPlan(
      plan([
        {
          id: 'slow',
          title: 'Slow SUT',
          verifies: [R.c],
          timeoutMs: 20,
          steps: [
            step(
              'hang',
              [],
              (ctx) =>
                new Promise((r) => {
                  ctx.signal.addEventListener('abort', () => r('pass'));
                }),
            ),
            step('next', [], () => 'pass'),
          ],
        },
      ]),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests[0]!.steps.map((s) => [s.state, s.message])).toEqual([
      ['fail', 'test timed out after 20 ms'],
      ['skip', 'not run: test timed out after 20 ms'],
    ]);
    expect(run.requirements).toMatchObject([{ id: R.c, state: 'fail' }]);
  });

  test('waitFor gives up after its own timeout: the SUT did not act, so the step fails', async () => {
    const sim = scriptedSimulator();
    const run = await runPlan(
      plan([
        {
          id: 'w',
          title: 'Wait',
          verifies: [R.c],
          steps: [
            step(
              'wait',
              [],
              async (ctx) => (await ctx.waitFor({ transaction: 'RAD-68', timeoutMs: 15, instructions: 'Publish' }), 'pass' as const),
            ),
          ],
        },
      ]),
      { sut: sut(), tool: TOOL, simulators: { xds: sim }, pollMs: 5 },
    );
    expect(run.tests[0]!.steps[0]).toMatchObject({ state: 'fail', message: 'no RAD-68 exchange within 15 ms' });
  });
});

describe('waitFor', () => {
  test('shows the instructions, resumes on the matching exchange and cites it as evidence', async () => {
    const sim = scriptedSimulator();
    sim.record({ id: 'ex-old', transaction: 'ITI-18' });
    const events: ProgressEvent[] = [];
    const run = await runPlan(
      plan([
        {
          id: 'w',
          title: 'Wait',
          verifies: [R.c],
          steps: [
            step('wait', [], async (ctx) => {
              const ex = await ctx.waitFor({
                transaction: 'RAD-68',
                match: (e) => e.from === 'pacs',
                timeoutMs: 60_000,
                instructions: 'Publish the study manifest',
              });
              return ex.id === 'ex-2' ? ('pass' as const) : ('fail' as const);
            }),
          ],
        },
      ]),
      {
        sut: sut(),
        tool: TOOL,
        simulators: { xds: sim },
        pollMs: 5,
        onProgress: (e) => {
          events.push(e);
          if (e.type === 'instructions') {
            sim.record({ id: 'ex-1', transaction: 'RAD-68', from: 'someone-else' });
            sim.record({ id: 'ex-2', transaction: 'RAD-68', from: 'pacs' });
          }
        },
      },
    );
    expect(events.find((e) => e.type === 'instructions')).toMatchObject({ text: 'Publish the study manifest', transaction: 'RAD-68' });
    expect(run.tests[0]!.steps[0]).toMatchObject({ state: 'pass', evidence: ['ex-2'] });
  });
});

describe('parallel tests and dependencies', () => {
  test('runs independent tests up to the concurrency limit and a dependent test after its dependency', async () => {
    let active = 0;
    let peak = 0;
    const gates = [deferred(), deferred(), deferred()];
    const order: string[] = [];
    const gated = (i: number): StepDef =>
      step(`s${i}`, [], async () => {
        active += 1;
        peak = Math.max(peak, active);
        order.push(`start t${i}`);
        await gates[i]!.promise;
        active -= 1;
        return 'pass' as const;
      });
    const running = runPlan(
      plan([
        { id: 't0', title: 't0', verifies: [R.a], steps: [gated(0)] },
        { id: 't1', title: 't1', verifies: [R.a], steps: [gated(1)] },
        { id: 't2', title: 't2', verifies: [R.a], steps: [gated(2)] },
        {
          id: 'after',
          title: 'after',
          verifies: [R.b],
          dependsOn: ['t1'],
          steps: [
            step('s', [], () => {
              order.push('start after');
              return 'pass';
            }),
          ],
        },
      ]),
      {
        sut: sut(),
        tool: TOOL,
        concurrency: 2,
        onProgress: (e) => {
          // Release the gates in a fixed order as tests start, so the test waits on events only.
          if (e.type === 'test-start' && e.testId === 't1') {
            gates[1]!.resolve();
          }
          if (e.type === 'test-end' && e.testId === 't1') gates[0]!.resolve();
          if (e.type === 'test-start' && e.testId === 't2') gates[2]!.resolve();
        },
      },
    );
    const run = await running;
    expect(peak).toBe(2);
    expect(order.indexOf('start after')).toBeGreaterThan(order.indexOf('start t1'));
    expect(run.tests.map((t) => [t.id, t.state])).toEqual([
      ['t0', 'pass'],
      ['t1', 'pass'],
      ['t2', 'pass'],
      ['after', 'pass'],
    ]);
  });

  test('skips a dependent test with the reason when its dependency failed', async () => {
    const run = await runPlan(
      plan([
        { id: 'publish', title: 'Publish', verifies: [R.c], steps: [step('s', [], (ctx) => ctx.fromFindings([finding([R.c])]))] },
        { id: 'retrieve', title: 'Retrieve', verifies: [R.d], dependsOn: ['publish'], steps: [step('s', [], () => 'pass')] },
      ]),
      { sut: sut(), tool: TOOL },
    );
    expect(run.tests[1]).toMatchObject({ state: 'skip', message: 'not run: dependency publish ended fail' });
    expect(run.requirements.map((r) => [r.id, r.state])).toEqual([
      [R.c, 'fail'],
      [R.d, 'skip'],
    ]);
  });
});

describe('stopping a run', () => {
  const waitingTest = (id: string): TestDef => ({
    id,
    title: id,
    verifies: [R.c],
    steps: [
      step(
        'wait',
        [],
        async (ctx) => (await ctx.waitFor({ transaction: 'RAD-68', timeoutMs: 60_000, instructions: 'Publish' }), 'pass' as const),
      ),
    ],
  });

  test('on abort starts no new test, marks the unfinished ones and returns incomplete', async () => {
    const stop = new AbortController();
    const started: string[] = [];
    const run = await runPlan(plan([waitingTest('a'), waitingTest('b')]), {
      sut: sut(),
      tool: TOOL,
      concurrency: 1,
      signal: stop.signal,
      simulators: { xds: scriptedSimulator() },
      onProgress: (e) => {
        if (e.type === 'test-start') started.push(e.testId);
        if (e.type === 'instructions') stop.abort();
      },
    });
    expect(started).toEqual(['a']);
    expect(run.incomplete).toBe(true);
    expect(run.tests.map((t) => [t.id, t.state, t.message])).toEqual([
      ['a', 'skip', 'not run: the run was stopped'],
      ['b', 'skip', 'not run: the run was stopped'],
    ]);
  });

  test('in an interactive run a step waiting for the SUT when stopped stays wait', async () => {
    const stop = new AbortController();
    const run = await runPlan(plan([waitingTest('a')]), {
      sut: sut(),
      tool: TOOL,
      interactive: true,
      signal: stop.signal,
      simulators: { xds: scriptedSimulator() },
      onProgress: (e) => {
        if (e.type === 'instructions') stop.abort();
      },
    });
    expect(run.tests[0]).toMatchObject({ state: 'wait', message: 'stopped while waiting for the SUT' });
    expect(run.state).toBe('wait');
    expect(run.incomplete).toBe(true);
  });
});

describe('plan checks', () => {
  test('rejects a plan citing an unknown requirement ID before running anything', async () => {
    let ran = false;
    const p = plan([
      {
        id: 't',
        title: 't',
        verifies: ['KOS-999'],
        steps: [
          step('s', ['NOPE-001'], () => {
            ran = true;
            return 'pass';
          }),
        ],
      },
    ]);
    const err = await runPlan(p, { sut: sut(), tool: TOOL }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanError);
    expect((err as PlanError).problems).toEqual([
      'test t cites unknown requirement KOS-999',
      'step t/s cites unknown requirement NOPE-001',
    ]);
    expect(ran).toBe(false);
  });

  test('rejects unknown dependencies and dependency cycles', async () => {
    const s = step('s', [], () => 'pass');
    const p = plan([
      { id: 'a', title: 'a', verifies: [R.a], dependsOn: ['b'], steps: [s] },
      { id: 'b', title: 'b', verifies: [R.a], dependsOn: ['a', 'zzz'], steps: [s] },
    ]);
    const err = (await runPlan(p, { sut: sut(), tool: TOOL }).catch((e: unknown) => e)) as PlanError;
    expect(err.problems).toEqual(['test b depends on unknown test zzz', 'dependency cycle a -> b -> a']);
  });
});

test('a progress listener that throws does not break the run', async () => {
  const run = await runPlan(plan([{ id: 't', title: 't', verifies: [R.a], steps: [step('s', [], () => 'pass')] }]), {
    sut: sut(),
    tool: TOOL,
    onProgress: () => {
      throw new Error('render failed');
    },
  });
  expect(run.state).toBe('pass');
});

test('the run model is deterministic: same inputs, same JSON apart from timestamps and durations', async () => {
  const gates = [deferred(), deferred()];
  const mk = (release: 'first' | 'second') => {
    const p = plan([
      {
        id: 'x',
        title: 'x',
        verifies: [R.b],
        steps: [
          step('s', [], async (ctx) => {
            await gates[0]!.promise;
            return ctx.fromFindings([finding([R.b], 'warning'), finding([R.a])]);
          }),
        ],
      },
      {
        id: 'y',
        title: 'y',
        verifies: [R.a],
        steps: [
          step('s', [], async () => {
            await gates[1]!.promise;
            return 'pass' as const;
          }),
        ],
      },
    ]);
    return runPlan(p, {
      sut: sut(),
      tool: TOOL,
      concurrency: 2,
      onProgress: (e) => {
        // Finish the tests in opposite orders in the two runs.
        if (e.type === 'test-start' && e.testId === 'y') gates[release === 'first' ? 0 : 1]!.resolve();
        if (e.type === 'test-end') {
          gates[0]!.resolve();
          gates[1]!.resolve();
        }
      },
    });
  };
  const strip = (r: RunModel) =>
    JSON.stringify({
      ...r,
      startedAt: '',
      endedAt: '',
      durationMs: 0,
      tests: r.tests.map((t) => ({ ...t, durationMs: 0, steps: t.steps.map((s) => ({ ...s, durationMs: 0 })) })),
    });
  const one = await mk('first');
  gates.splice(0, 2, deferred(), deferred());
  const two = await mk('second');
  expect(strip(two)).toBe(strip(one));
  expect(one.tests[0]!.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
  expect(one.requirements.map((r) => r.id)).toEqual([R.a, R.b]);
});

test('every exchange a simulator recorded goes to the evidence, also those no step waited for', async () => {
  const sim = scriptedSimulator();
  sim.record({ id: 'ex-rejected', transaction: 'ITI-41' });
  const stored: string[] = [];
  await runPlan(plan([{ id: 't', title: 't', verifies: [R.a], steps: [step('s', [], () => 'pass')] }]), {
    sut: sut(),
    tool: TOOL,
    simulators: { xds: sim },
    evidence: { addExchange: async (ex) => void stored.push(ex.id), addAttachment: async () => undefined, addStep: async () => undefined },
  });
  expect(stored).toEqual(['ex-rejected']);
});

test('a step still running after its test timed out can no longer write evidence', async () => {
  const late = deferred<unknown>();
  const attached: string[] = [];
  await runPlan(
    plan([
      {
        id: 't',
        title: 't',
        verifies: [R.a],
        timeoutMs: 10,
        steps: [
          step(
            's',
            [],
            (ctx) =>
              new Promise(() => {
                ctx.signal.addEventListener('abort', () => {
                  // Runs after the engine has settled the step on the same abort.
                  setImmediate(() => ctx.evidence.attach('late.txt', 'x').then(late.resolve, late.resolve));
                });
              }),
          ),
        ],
      },
    ]),
    {
      sut: sut(),
      tool: TOOL,
      evidence: { addExchange: async () => undefined, addAttachment: async (n) => void attached.push(n), addStep: async () => undefined },
    },
  );
  expect(String(await late.promise)).toBe('Error: evidence recorder closed: the step has already ended');
  expect(attached).toEqual([]);
});
