// A validation report as a run (one test per file), so junit and html share the plan
// reporters. Its own module: `validate --format text|json` never loads the reporters.
import type { RunModel } from '../model/run.ts';
import type { ValidationReport } from '../model/validation.ts';
import { validationToRun } from '../reports/from-validation.ts';
import { renderHtml } from '../reports/html.ts';
import { renderJunit } from '../reports/junit.ts';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';

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

export function renderValidationRun(kind: string, report: ValidationReport, format: 'junit' | 'html', startedAt?: string): string {
  const run = validationRun(kind, report, startedAt);
  return format === 'junit' ? renderJunit(run) : renderHtml(run);
}
