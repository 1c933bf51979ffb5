import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { definePlan } from '../../suites/engine/dsl.ts';
import { pickIds } from '../../suites/engine/scripted.ts';
import { loadPolicy } from '../../suites/policies/load-policy.ts';
import { captureIo } from '../test-io.ts';
import { runAllReferences, runReference } from './run-reference.ts';
import type { OneRun } from './run-execute.ts';
import { UsageError } from '../errors.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-runref-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NO_SUCH_PEER = 'mcwg-no-such-peer-command';
let started = 0;
const needsPeer = {
  planId: 'needs-peer',
  needs: [NO_SUCH_PEER],
  start: async () => ((started += 1), Promise.reject(new Error('must not start'))),
};

function ctx(io = captureIo()): OneRun & { io: ReturnType<typeof captureIo> } {
  const plan = definePlan({
    id: 'needs-peer',
    version: '1.0.0',
    title: 'Needs a peer',
    groups: [
      {
        id: 'g',
        title: 'G',
        tests: [{ id: 't', title: 'T', verifies: [pickIds().a], steps: [{ id: 's', title: 'S', verifies: [], run: () => 'pass' }] }],
      },
    ],
  });
  return { io, deps: { plans: { 'needs-peer': async () => plan }, references: {} }, policy: loadPolicy(), concurrency: 1 };
}

test('a reference SUT whose peer is missing is left out of the all-plans run, with how to install it', async () => {
  const c = ctx();
  const code = await runAllReferences([needsPeer], root, c, false);
  expect(code).toBe(0);
  expect(started).toBe(0);
  expect(c.io.stdout.join('')).toContain(`needs-peer: not run (needs ${NO_SUCH_PEER}: bash scripts/install-peers.sh)`);
  // index.html lists it too, with the reason, and the console names the index.
  expect(c.io.stdout.join('')).toContain(`every plan's verdict and label: ${join(root, 'index.html')}`);
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  expect(index).toMatch(/<tr class="plan" data-state="skip">[\s\S]*needs-peer[\s\S]*not run \(needs mcwg-no-such-peer-command/);
});

test('when peers are required the missing peer is not skipped: the run reports the failure', async () => {
  const c = ctx();
  const code = await runAllReferences([needsPeer], root, c, true);
  expect(code).toBeGreaterThan(0);
  expect(c.io.stdout.join('')).toMatch(/needs-peer: error \(must not start\)/);
  expect(started).toBe(1);
  expect(readFileSync(join(root, 'index.html'), 'utf8')).toContain('error before a report: must not start');
});

test('asking for that single plan is a usage error naming the peer', async () => {
  await expect(runReference(needsPeer, root, ctx())).rejects.toThrow(UsageError);
  await expect(runReference(needsPeer, root, ctx())).rejects.toThrow(
    /needs mcwg-no-such-peer-command: install it with bash scripts\/install-peers.sh/,
  );
});
