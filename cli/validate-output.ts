// Prints or writes the result of a `validate` command in the chosen format and returns
// the exit code: 0 all valid, 1 any invalid.
import { Option } from 'commander';
import type { FileResult, ValidationReport } from '../model/validation.ts';
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
  await writeOutput(io, await render(kind, report, opts.format, opts.startedAt), opts.out);
  if (opts.out) io.err(`wrote ${opts.out}\n`);
  return files.every((f) => f.valid) ? EXIT.ok : EXIT.failures;
}

async function render(kind: string, report: ValidationReport, format: Format, startedAt?: string): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report)}\n`;
    case 'text':
      return renderText(report);
    case 'junit':
    case 'html':
      // The run reporters and the catalogue load only for the formats that need them.
      return (await import('./validation-run.ts')).renderValidationRun(kind, report, format, startedAt);
  }
}

function renderText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    lines.push(`${f.valid ? 'VALID  ' : 'INVALID'} ${f.path}`);
    for (const x of f.findings) {
      lines.push(
        `  ${x.severity.padEnd(7)} ${x.reqIds.join(',')} ${x.location.path ? `${x.location.path}: ` : ''}${x.message} [${x.ruleId}]`,
      );
    }
  }
  const bad = report.files.filter((f) => !f.valid).length;
  lines.push(`${report.files.length} file(s), ${bad} invalid`);
  return `${lines.join('\n')}\n`;
}
