// Prints or writes the result of a `validate` command in the chosen format and returns
// the exit code: 0 all valid, 1 any invalid.
import { Option } from 'commander';
import type { RunModel } from '../model/run.ts';
import type { FileResult, ValidationReport } from '../model/validation.ts';
import { validationToRun } from '../reports/from-validation.ts';
import { renderHtml } from '../reports/html.ts';
import { renderJunit } from '../reports/junit.ts';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';
import { EXIT } from './errors.ts';
import { writeOutput, type Io } from './io.ts';
import { TOOL_NAME, toolVersion } from './version.ts';

export const FORMATS = ['text', 'json', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export function formatOption(): Option {
  return new Option('--format <FORMAT>', 'output format').choices(FORMATS).default('text');
}

export function outOption(): Option {
  return new Option('--out <FILE>', 'write the output to FILE instead of stdout');
}

export function validationReport(files: FileResult[]): ValidationReport {
  return { tool: { name: TOOL_NAME, version: toolVersion() }, files };
}

export async function emitValidation(
  io: Io,
  kind: string,
  files: FileResult[],
  opts: { format: Format; out?: string; startedAt?: string },
): Promise<number> {
  const report = validationReport(files);
  await writeOutput(io, render(kind, report, opts.format, opts.startedAt), opts.out);
  if (opts.out) io.err(`wrote ${opts.out}\n`);
  return files.every((f) => f.valid) ? EXIT.ok : EXIT.failures;
}

function render(kind: string, report: ValidationReport, format: Format, startedAt?: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report)}\n`;
    case 'text':
      return renderText(report);
    case 'junit':
      return renderJunit(validationRun(kind, report, startedAt));
    case 'html':
      return renderHtml(validationRun(kind, report, startedAt));
  }
}

/** The validation as a run (one test per file), so junit and html share the plan reporters. */
export function validationRun(kind: string, report: ValidationReport, startedAt?: string): RunModel {
  const catalogue = loadCatalogue();
  const endedAt = new Date().toISOString();
  return validationToRun(report, {
    kind,
    catalogueVersion: catalogue.version,
    lookup: (id) => catalogue.get(id),
    startedAt: startedAt ?? endedAt,
    endedAt,
  });
}

function renderText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    lines.push(`${f.valid ? 'VALID  ' : 'INVALID'} ${f.path}`);
    for (const x of f.findings) {
      lines.push(`  ${x.severity.padEnd(7)} ${x.reqIds.join(',')} ${x.location.path ? `${x.location.path}: ` : ''}${x.message} [${x.ruleId}]`);
    }
  }
  const bad = report.files.filter((f) => !f.valid).length;
  lines.push(`${report.files.length} file(s), ${bad} invalid`);
  return `${lines.join('\n')}\n`;
}
