// Turns the result of `mcwg validate <kind>` into a run, so --format junit|html render
// through the same reporters as a test plan: one test per file, requirements rolled up from
// the findings. The catalogue comes in as a lookup: reports/ does not import validators/.
import { countStates, rollUp } from '../model/roll-up.ts';
import type { RequirementLevel, RequirementResult, RunModel, TestResult } from '../model/run.ts';
import type { ValidationReport } from '../model/validation.ts';
import { compareReqIds, sortReqIds } from './canonical.ts';

export interface ValidationRunOptions {
  kind: string;
  catalogueVersion: string;
  lookup: (id: string) => { title: string; level: RequirementLevel } | undefined;
  startedAt: string;
  endedAt: string;
}

function elapsed(startedAt: string, endedAt: string): number {
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

export function validationToRun(report: ValidationReport, opts: ValidationRunOptions): RunModel {
  const tests: TestResult[] = report.files.map((f) => ({
    id: f.path,
    title: f.path,
    group: opts.kind,
    reqIds: sortReqIds(f.findings.flatMap((x) => x.reqIds)),
    state: f.valid ? 'pass' : 'fail',
    durationMs: 0,
    steps: [],
    findings: f.findings,
    evidence: [],
  }));
  return {
    schemaVersion: '1',
    tool: report.tool,
    catalogue: { version: opts.catalogueVersion },
    plan: { id: `validate-${opts.kind}`, version: report.tool.version, title: `mcwg validate ${opts.kind}` },
    sut: { name: `${report.files.length} ${opts.kind} file(s)`, roles: [] },
    startedAt: opts.startedAt,
    endedAt: opts.endedAt,
    durationMs: elapsed(opts.startedAt, opts.endedAt),
    incomplete: false,
    state: rollUp(tests),
    counts: countStates(tests),
    tests,
    requirements: requirementsOf(tests, opts.lookup),
    overrides: [],
    relaxations: [],
  };
}

function requirementsOf(tests: readonly TestResult[], lookup: ValidationRunOptions['lookup']): RequirementResult[] {
  const byId = new Map<string, RequirementResult>();
  for (const t of tests) {
    for (const f of t.findings) {
      for (const id of f.reqIds) {
        let r = byId.get(id);
        if (!r) {
          const known = lookup(id);
          r = {
            id,
            title: known?.title ?? `${id} (not in the catalogue)`,
            level: known?.level ?? 'SHALL',
            state: 'pass',
            tests: [],
            errors: 0,
            warnings: 0,
          };
          byId.set(id, r);
        }
        if (!r.tests.includes(t.id)) r.tests.push(t.id);
        if (f.severity === 'error') {
          r.errors += 1;
          r.state = 'fail';
        } else if (f.severity === 'warning') {
          r.warnings += 1;
        }
      }
    }
  }
  return [...byId.values()].sort((a, b) => compareReqIds(a.id, b.id));
}
