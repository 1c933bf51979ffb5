// `mcwg run --reference`: a plan against its built-in reference SUT, or every plan against
// its own, one after the other, each into out/<plan>/, with one summary line per plan.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunModel } from '../../model/run.ts';
import { renderRunIndex, type IndexEntry } from '../../reports/run-index.ts';
import { hasCommand, peersRequired } from '../../fixtures/peers.ts';
import type { ReferenceSut } from '../../suites/engine/plan-module.ts';
import { EXIT, UsageError } from '../errors.ts';
import { TOOL_NAME, toolVersion } from '../version.ts';
import { executePlan, exitCode, loadPlan, prepareOut, type OneRun } from './run-execute.ts';

/** Every plan against its reference SUT, one after the other, each into out/<plan>/. */
export async function runAllReferences(refs: ReferenceSut[], out: string, ctx: OneRun, requirePeers = peersRequired): Promise<number> {
  const lines: string[] = [];
  const entries: IndexEntry[] = [];
  const startedAt = new Date().toISOString();
  let worst: number = EXIT.ok;
  for (const [i, ref] of refs.entries()) {
    if (ctx.deps.signal?.aborted) break;
    ctx.io.err(`[plan ${i + 1}/${refs.length}] ${ref.planId}\n`);
    const missing = missingPeers(ref);
    if (missing.length > 0 && !requirePeers) {
      // A fresh machine without the Debian peers still runs every other plan; the summary says
      // what was left out and how to get it.
      const note = `not run (needs ${missing.join(', ')}: bash scripts/install-peers.sh)`;
      lines.push(`${ref.planId}: ${note}`);
      entries.push({ planId: ref.planId, note, state: 'skip' });
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
      entries.push({ planId: ref.planId, href: `${ref.planId}/report.html`, run });
    } catch (err) {
      // One plan's breakage must not hide the others' results.
      if (err instanceof UsageError) throw err;
      code = EXIT.internal;
      const why = err instanceof Error ? err.message : String(err);
      line = `${ref.planId}: error (${why})`;
      entries.push({ planId: ref.planId, note: `error before a report: ${why}`, state: 'error' });
    }
    worst = Math.max(worst, code);
    lines.push(line);
  }
  // Plans Ctrl-C kept from starting still get a row: the index lists the whole run.
  for (const ref of refs.slice(entries.length)) entries.push({ planId: ref.planId, note: 'not run (stopped by Ctrl-C)', state: 'skip' });
  ctx.io.out(`reference run of ${refs.length} plan(s):\n${lines.map((l) => `  ${l}\n`).join('')}`);
  const index = await writeIndex(out, entries, startedAt).catch((e: unknown) => {
    ctx.io.err(`mcwg: index.html not written: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  });
  if (index) ctx.io.out(`  every plan's verdict and label: ${index}\n`);
  return worst;
}

/** index.html beside the plans' folders, written beside and renamed like the other reports. */
async function writeIndex(out: string, entries: readonly IndexEntry[], startedAt: string): Promise<string> {
  await mkdir(out, { recursive: true });
  const file = join(out, 'index.html');
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, renderRunIndex(entries, { tool: `${TOOL_NAME} ${toolVersion()}`, startedAt }), 'utf8');
  await rename(tmp, file);
  return file;
}

export async function runReference(ref: ReferenceSut, out: string, ctx: OneRun): Promise<number> {
  const missing = missingPeers(ref);
  if (missing.length > 0)
    throw new UsageError(`the reference SUT of ${ref.planId} needs ${missing.join(', ')}: install it with bash scripts/install-peers.sh`);
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
  for (const [name, url] of Object.entries({
    ...sut.endpoints,
    ...Object.fromEntries(Object.entries(simulators).map(([k, v]) => [`our ${k}`, v.url])),
  }))
    ctx.io.err(`  ${name}: ${url}\n`);
  const stopSut = async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return executePlan(plan, { sut, simulators, stopSut }, out, ctx);
}

function missingPeers(ref: ReferenceSut): string[] {
  return (ref.needs ?? []).filter((cmd) => !hasCommand(cmd));
}
