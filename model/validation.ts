// The output contract of `mcwg validate … --format json` (DESIGN.md): one entry per input
// file; valid is false exactly when a finding has severity 'error'.
import { hasErrors, sortFindings, type Finding } from './finding.ts';

export interface FileResult {
  path: string;
  valid: boolean;
  findings: Finding[];
}

export interface ValidationReport {
  tool: { name: string; version: string };
  files: FileResult[];
}

export function fileResult(path: string, findings: readonly Finding[]): FileResult {
  return { path, valid: !hasErrors(findings), findings: sortFindings(findings) };
}
