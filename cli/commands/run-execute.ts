// One plan run, shared by `mcwg run PLAN --sut` and `--reference`: runs the plan against a
// started target, writes run.json, the reports and the evidence bundle, prints the summary.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../model/exchange.ts';
import type { RunModel } from '../../model/run.ts';
import { failedEvidenceIds, readExcerpts } from '../../reports/evidence/excerpts.ts';
import { EvidenceWriter } from '../../reports/evidence/writer.ts';
import { writeReports } from '../../reports/index.ts';
import { groupReasons } from '../../reports/label/group-reasons.ts';
import type { PlanDef } from '../../suites/engine/dsl.ts';
import type { ProgressListener } from '../../suites/engine/progress.ts';
import { finalizeRun } from '../../suites/engine/finalize-run.ts';
import { runPlan } from '../../suites/engine/run-plan.ts';
import type { PlanLoader, ReferenceSut, SimulatorStarter } from '../../suites/engine/plan-module.ts';
import type { loadPolicy } from '../../suites/policies/load-policy.ts';
import type { SutProfile } from '../../suites/profiles/profile.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { TOOL_NAME, toolVersion } from '../version.ts';
import { progressView } from './run-progress.ts';

export interface RunDeps {
  plans: Readonly<Record<string, PlanLoader>>;
  /** The reference SUT of each plan, by plan id. */
  references?: Readonly<Record<string, ReferenceSut>>;
  /** One reference SUT to run alone, writing straight into --out (tests: a broken variant). */
  reference?: ReferenceSut | undefined;
  /** Simulators a plan needs against a real SUT (the reference SUT brings its own). */
  simulators?: Readonly<Record<string, SimulatorStarter>>;
  /** Stopped by Ctrl-C; tests pass their own. */
  signal?: AbortSignal;
  /** Also told every progress event (`mcwg worker` stores them for the console's live view). */
  onProgress?: ProgressListener;
}

export interface OneRun {
  io: Io;
  deps: RunDeps;
  policy: ReturnType<typeof loadPolicy>;
  concurrency: number;
}

export async function prepareOut(out: string): Promise<void> {
  await rm(join(out, 'evidence'), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}

export interface Target {
  sut: SutProfile;
  simulators: Record<string, Simulator>;
  stopSut(): Promise<void>;
}

export async function executePlan(plan: PlanDef, target: Target, out: string, ctx: OneRun): Promise<RunModel> {
  const { io, deps, policy } = ctx;
  const { sut, simulators } = target;
  const evidence = new EvidenceWriter(join(out, 'evidence'));
  const view = progressView(io);
  let run: RunModel;
  try {
    run = await runPlan(plan, {
      sut,
      simulators,
      tool: { name: TOOL_NAME, version: toolVersion() },
      evidence,
      concurrency: ctx.concurrency,
      interactive: io.isTty,
      onProgress: deps.onProgress
        ? (e) => {
            view.listener(e);
            deps.onProgress?.(e);
          }
        : view.listener,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } finally {
    view.stop();
    await target.stopSut();
  }
  const done = await finalizeRun(run, { sut, policy, evidence });
  await writeFile(join(out, 'run.json'), done.runJson);
  const excerpts = await readExcerpts(join(out, 'evidence'), failedEvidenceIds(done.run)).catch((e: unknown) => {
    // Without the bodies report.html still lists every evidence id: say so, write the rest.
    io.err(`mcwg: report.html without exchange bodies: ${e instanceof Error ? e.message : String(e)}\n`);
    return {};
  });
  const written = await writeReports(done.run, out, { formats: ['junit', 'html', 'csv'], excerpts });
  for (const e of written.errors) io.err(`mcwg: report not written: ${e}\n`);
  summarise(io, done.run, out);
  return done.run;
}

function summarise(io: Io, run: RunModel, out: string): void {
  for (const line of summaryLines(run, out)) io.out(`${line}\n`);
}

/**
 * The console summary: counts, then one line per failed or error requirement (ID, level,
 * title, first reason, the test it came from), then per declared role the label outcome and one
 * line per reason it is not granted (what failed, what was not tested and why it is not
 * eligible), so nobody has to open run.json.
 */
export function summaryLines(run: RunModel, out: string): string[] {
  const c = run.counts;
  const lines = [
    `${run.plan.id} against ${run.sut.name}: ${run.state}${run.incomplete ? ' (incomplete: stopped before the end)' : ''}`,
    `  tests: ${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip, ${c.omit} omit, ${c.wait} wait`,
  ];
  for (const state of ['fail', 'error'] as const) {
    for (const r of run.requirements.filter((x) => x.state === state)) {
      const head = `${state === 'fail' ? 'failed' : 'error'} ${r.id} (${r.level})${r.title ? ` ${r.title}` : ''}`;
      lines.push(`  ${oneLine(`${head}: ${reason(run, r.id, state)}`)}`);
    }
  }
  for (const x of run.relaxations ?? []) lines.push(`  relaxed: ${x}`);
  for (const l of run.labels ?? []) {
    lines.push(`  label (${l.policy.id} ${l.policy.version}, ${l.role}): ${l.outcome}`);
    if (l.outcome === 'granted') continue;
    // Merged lines list requirement IDs: never cut those.
    for (const why of groupReasons(l.reasons.filter((w) => !w.startsWith('waiver '))))
      lines.push(`    ${/^(warning: )?\d+ (SHALL|SHOULD|MAY) requirements /.test(why) ? why : oneLine(why)}`);
  }
  lines.push(`  reports: ${out} (run.json, junit.xml, report.html, summary.csv, evidence/)`);
  return lines;
}

/** Flattened to one line; long enough for a finding's message, short enough for a CI log. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}

/**
 * Why a requirement failed or ended in error: the first error finding citing it (a step's or
 * the test's own), else the message of a step in that state citing it, else the message of a
 * test in that state citing it; with the test's id, and how many more findings report.html has.
 */
function reason(run: RunModel, id: string, state: 'fail' | 'error'): string {
  const cited = run.tests.flatMap((t) =>
    [...t.steps.flatMap((s) => s.findings), ...t.findings]
      .filter((f) => f.severity === 'error' && f.reqIds.includes(id))
      .map((f) => ({ t, f })),
  );
  const distinct = new Set(cited.map(({ t, f }) => `${t.id}\u0000${f.ruleId}\u0000${f.message}\u0000${f.location.path}`)).size;
  const more = distinct > 1 ? ` (+${distinct - 1} more in report.html)` : '';
  if (state === 'fail' && cited[0]) return `${cited[0].f.message} [${cited[0].t.id}]${more}`;
  const step = run.tests
    .flatMap((t) => t.steps.map((s) => ({ t, s })))
    .find(({ s }) => s.state === state && s.reqIds.includes(id) && s.message);
  if (step) return `${step.s.message} [${step.t.id}]`;
  const test = run.tests.find((t) => t.state === state && t.reqIds.includes(id) && t.message);
  if (test) return `${test.message} [${test.id}]`;
  if (cited[0]) return `${cited[0].f.message} [${cited[0].t.id}]${more}`;
  const any = run.tests.find((t) => t.state === state && t.reqIds.includes(id));
  return any ? `${state === 'fail' ? 'failed' : 'error'} [${any.id}]` : state === 'fail' ? 'failed' : 'error';
}

// RFC 2606/6761 names the templates use: a profile still naming one was never edited, and
// every call to it would fail for a reason that has nothing to do with the SUT.
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test)$/i;

/** Endpoints of the profile that still point at a template's placeholder host. */
export function placeholderEndpoints(sut: SutProfile): string[] {
  return Object.entries(sut.endpoints).flatMap(([name, value]) => {
    const host = /^[a-z]+:\/\//i.test(value) ? hostOf(value) : value.replace(/:\d+$/, '');
    return host !== undefined && PLACEHOLDER_HOST.test(host) ? [`endpoints.${name}: ${value}`] : [];
  });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/**
 * DESIGN.md: 0 all passed, 1 conformance failures, 3 our breakage, including a SUT our side
 * could not reach (those steps are 'error', never 'fail').
 */
export function exitCode(run: RunModel): number {
  if (run.counts.fail > 0) return EXIT.failures;
  if (run.counts.error > 0) return EXIT.internal;
  if (run.incomplete || run.state !== 'pass') return run.state === 'omit' && !run.incomplete ? EXIT.ok : EXIT.failures;
  return EXIT.ok;
}

export async function loadPlan(name: string, deps: RunDeps): Promise<PlanDef> {
  const loader = deps.plans[name];
  if (!loader) {
    const known = Object.keys(deps.plans);
    throw new UsageError(`unknown plan ${name} (known: ${known.length > 0 ? known.join(', ') : 'none yet'})`);
  }
  return loader();
}
