// The progress lines `mcwg run` prints on a CI log: a failed or error test names the
// requirements its failure cites and the reason, in one line.
import { describe, expect, test } from 'vitest';
import { definePlan, defineStep } from '../../suites/engine/dsl.ts';
import { runPlan } from '../../suites/engine/run-plan.ts';
import { finding, pickIds } from '../../suites/engine/scripted.ts';
import { parseSutProfile } from '../../suites/profiles/profile.ts';
import type { Io } from '../io.ts';
import { progressLine, progressView } from './run-progress.ts';

const R = pickIds();

const plan = definePlan({
  id: 'demo',
  version: '1.0.0',
  title: 'Demo',
  groups: [
    {
      id: 'g',
      title: 'G',
      actor: 'Imaging Document Source',
      tests: [
        {
          id: 'good',
          title: 'good',
          verifies: [R.a],
          steps: [defineStep({ id: 's', title: 's', verifies: [], run: async (ctx) => ctx.fromFindings([]) })],
        },
        {
          id: 'bad',
          title: 'bad',
          verifies: [R.d],
          steps: [
            defineStep({
              id: 's',
              title: 's',
              verifies: [R.a, R.b, R.c],
              run: async (ctx) =>
                ctx.fromFindings([
                  { ...finding([R.a, R.b]), message: 'Document title\n   must be (113030, DCM)' },
                  finding([R.c]),
                  finding([R.d], 'warning'),
                ]),
            }),
          ],
        },
        {
          id: 'boom',
          title: 'boom',
          verifies: [],
          steps: [
            defineStep({
              id: 's',
              title: 's',
              verifies: [R.c],
              run: async () => {
                throw new Error(`kaput ${'x'.repeat(300)}`);
              },
            }),
          ],
        },
      ],
    },
  ],
});

describe('mcwg run progress lines', () => {
  test('each failed or error test: its requirement IDs and reason in one line; passes stay short', async () => {
    let stderr = '';
    const io: Io = { out: () => undefined, err: (t) => void (stderr += t), isTty: false, debug: false };
    const view = progressView(io);
    await runPlan(plan, {
      sut: parseSutProfile('name: x\nroles: [Imaging Document Source]\n'),
      concurrency: 1,
      tool: { name: 'mcwg-conformance', version: '0.0.0' },
      onProgress: view.listener,
    });
    view.stop();
    const lines = stderr.split('\n').filter((l) => l.startsWith('['));
    expect(lines[0]).toBe('[1/3] pass  good');
    // Error findings' IDs (the warning's is not a failure), the first one's (findings in canonical order) message flattened, and how many more.
    expect(lines[1]).toBe(`[2/3] fail  bad ${R.a}, ${R.b}, ${R.c}: Document title must be (113030, DCM) (+1 more in report.html)`);
    // No finding: the failing step's requirements; a long reason is cut, the IDs never.
    expect(lines[2]).toMatch(new RegExp(`^\\[3/3\\] error boom ${R.c}: step threw: Error: kaput x+…$`));
    expect(lines[2]!.length).toBeLessThan(260);
    expect(lines).toHaveLength(3);
  });

  test('a test-end without a failure (a skip) keeps its message in brackets', () => {
    expect(progressLine({ type: 'test-end', testId: 'T', state: 'skip', message: 'not run:\n dependency failed', done: 1, total: 2 })).toBe(
      '[1/2] skip  T (not run: dependency failed)',
    );
  });
});
