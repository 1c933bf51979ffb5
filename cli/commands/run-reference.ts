// `mcwg run --reference`: a plan against its built-in reference SUT, or every plan against
// its own, one after the other, each into out/<plan>/, with one summary line per plan.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunModel } from '../../model/run.ts';
import { hasCommand, peersRequired } from '../../fixtures/peers.ts';
import type { ReferenceSut } from '../../suites/engine/plan-module.ts';
import { EXIT, UsageError } from '../errors.ts';
import { executePlan, exitCode, loadPlan, prepareOut, type OneRun } from './run-execute.ts';

/** Every plan against its reference SUT, one after the other, each into out/<plan>/. */
export async function runAllReferences(refs: ReferenceSut[], out: string, ctx: OneRun, requirePeers = peersRequired): Promise<number> {
  const lines: string[] = [];
  let worst: number = EXIT.ok;
  for (const [i, ref] of refs.entries()) {
    if (ctx.deps.signal?.aborted) break;
    ctx.io.err(`[plan ${i + 1}/${refs.length}] ${ref.planId}\n`);
    const missing = missingPeers(ref);
    if (missing.length > 0 && !requirePeers) {
      // A fresh machine without the Debian peers still runs every other plan; the summary says
      // what was left out and how to get it.
      lines.push(`${ref.planId}: not run (needs ${missing.join(', ')}: bash scripts/install-peers.sh)`);
      continue;
    }
    const dir = join(out, ref.planId);
    let code: number;
    let line: string;
    try {
      const run = await referenceRun(ref, dir, ctx);
      code = exitCode(run);
      const c = run.counts;
      line = `${ref.planId}: ${run.state} (${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip) -> ${dir}`;
    } catch (err) {
      // One plan's breakage must not hide the others' results.
      if (err instanceof UsageError) throw err;
      code = EXIT.internal;
      line = `${ref.planId}: error (${err instanceof Error ? err.message : String(err)})`;
    }
    worst = Math.max(worst, code);
    lines.push(line);
  }
  ctx.io.out(`reference run of ${refs.length} plan(s):\n${lines.map((l) => `  ${l}\n`).join('')}`);
  return worst;
}

export async function runReference(ref: ReferenceSut, out: string, ctx: OneRun): Promise<number> {
  const missing = missingPeers(ref);
  if (missing.length > 0) throw new UsageError(`the reference SUT of ${ref.planId} needs ${missing.join(', ')}: install it with bash scripts/install-peers.sh`);
  return exitCode(await referenceRun(ref, out, ctx));
}

async function referenceRun(ref: ReferenceSut, out: string, ctx: OneRun): Promise<RunModel> {
  const plan = await loadPlan(ref.planId, ctx.deps);
  await prepareOut(out);
  // The SUT's data and our simulators' files are scratch data: a temp folder, removed after.
  const dataDir = await mkdtemp(join(tmpdir(), 'mcwg-reference-'));
  ctx.io.err(`reference SUT for ${ref.planId}: ${ref.description ?? 'starting'} (data: ${dataDir})\n`);
  const running = await ref.start({ dataDir }).catch(async (err: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  const { sut, simulators } = running;
  for (const [name, url] of Object.entries({ ...sut.endpoints, ...Object.fromEntries(Object.entries(simulators).map(([k, v]) => [`our ${k}`, v.url])) })) ctx.io.err(`  ${name}: ${url}\n`);
  const stopSut = async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return executePlan(plan, { sut, simulators, stopSut }, out, ctx);
}

function missingPeers(ref: ReferenceSut): string[] {
  return (ref.needs ?? []).filter((cmd) => !hasCommand(cmd));
}
