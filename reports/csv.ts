// summary.csv: one row per requirement. RFC 4180 (CRLF, quoted when needed, quotes doubled),
// and text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
import type { RunModel } from '../model/run.ts';
import { canonicalRun } from './canonical.ts';

export const CSV_HEADER = ['id', 'level', 'title', 'state', 'tests', 'errors', 'warnings', 'waived', 'label'] as const;

// OWASP CSV injection: =, +, -, @ start a formula; tab and CR can too in some spreadsheets.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(input: RunModel): string {
  const run = canonicalRun(input);
  // Per requirement, each role decision that requires it: the state it was judged on there
  // and the role's outcome (with the first reason when the run is not eligible).
  const label = (id: string) =>
    (run.labels ?? [])
      .flatMap((l) => {
        const r = l.required.find((x) => x.id === id);
        if (!r) return [];
        const why = l.outcome === 'not-eligible' ? ` (${l.reasons[0] ?? ''})` : '';
        return [`${l.role}: ${r.state}${r.notApplicable ? ' not applicable' : ''}, label ${l.outcome}${why}`];
      })
      .join('; ');
  const rows: (string | number)[][] = [
    [...CSV_HEADER],
    ...run.requirements.map((r) => [
      r.id,
      r.level,
      r.title,
      r.state,
      r.tests.join(' '),
      r.errors,
      r.warnings,
      r.waived?.reason ?? '',
      label(r.id),
    ]),
  ];
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
