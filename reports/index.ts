// Writes every report of a run into one folder. The run is checked against the schema
// first; then each reporter runs on its own, so one that throws costs only its own file.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunModel, TestResult } from '../model/run.ts';
import { renderCsv } from './csv.ts';
import type { Excerpts } from './evidence/excerpts.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { validateRun } from './validate-run.ts';

export const REPORT_FORMATS = ['json', 'junit', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What a report may show beside the run itself: bounded bodies of failed exchanges. */
export interface ReportExtras {
  excerpts?: Excerpts;
}

export interface FileReporter {
  format: string;
  file: string;
  render(run: RunModel, extras: ReportExtras): string;
}

export const FILE_REPORTERS: readonly FileReporter[] = [
  { format: 'json', file: 'run.json', render: renderJson },
  { format: 'junit', file: 'junit.xml', render: renderJunit },
  { format: 'html', file: 'report.html', render: (run, extras) => renderHtml(run, extras.excerpts) },
  { format: 'csv', file: 'summary.csv', render: renderCsv },
];

export interface WriteResult {
  /** Paths written, in reporter order. */
  written: string[];
  /** One line per reporter that failed (or schema problems, when nothing was written). */
  errors: string[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function writeReports(
  run: RunModel,
  outDir: string,
  opts: { formats?: readonly ReportFormat[] } & ReportExtras = {},
): Promise<WriteResult> {
  const formats: readonly string[] = opts.formats ?? REPORT_FORMATS;
  return writeFiles(
    run,
    outDir,
    FILE_REPORTERS.filter((r) => formats.includes(r.format)),
    opts.excerpts ? { excerpts: opts.excerpts } : {},
  );
}

export async function writeFiles(
  run: RunModel,
  outDir: string,
  reporters: readonly FileReporter[],
  extras: ReportExtras = {},
): Promise<WriteResult> {
  const check = validateRun(run);
  if (!check.valid) return { written: [], errors: check.errors.map((e) => `run.json: schema: ${e}`) };
  await mkdir(outDir, { recursive: true });
  const result: WriteResult = { written: [], errors: [] };
  for (const reporter of reporters) {
    const path = join(outDir, reporter.file);
    try {
      // Write beside, then rename: a reader never sees half a report.
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, reporter.render(run, extras), 'utf8');
      await rename(tmp, path);
      result.written.push(path);
    } catch (e) {
      result.errors.push(`${reporter.file}: ${message(e)}`);
    }
  }
  return result;
}

/** Live hooks for reporters that follow a run as it happens (progress, streaming). All optional. */
export interface RunHooks {
  onRunBegin?(plan: RunModel['plan'], sut: RunModel['sut']): void;
  onTestEnd?(test: TestResult): void;
  onRunEnd?(run: RunModel): void | Promise<void>;
}

/** Fans hooks out to several reporters; a throwing hook is listed in errors, the others still run. */
export function multiplex(reporters: readonly RunHooks[]): Required<RunHooks> & { errors: string[] } {
  const errors: string[] = [];
  const each = async (call: (r: RunHooks) => void | Promise<void>): Promise<void> => {
    for (const [i, r] of reporters.entries()) {
      try {
        await call(r);
      } catch (e) {
        errors.push(`reporter ${i}: ${message(e)}`);
      }
    }
  };
  const sync = (call: (r: RunHooks) => void): void => {
    for (const [i, r] of reporters.entries()) {
      try {
        call(r);
      } catch (e) {
        errors.push(`reporter ${i}: ${message(e)}`);
      }
    }
  };
  return {
    errors,
    onRunBegin: (plan, sut) => sync((r) => r.onRunBegin?.(plan, sut)),
    onTestEnd: (test) => sync((r) => r.onTestEnd?.(test)),
    onRunEnd: (run) => each((r) => r.onRunEnd?.(run)),
  };
}
