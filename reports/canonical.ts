// One deterministic form of a run, shared by every renderer: findings sorted with
// sortFindings, requirement IDs sorted and unique, requirements in ID order. Tests and
// steps keep plan order: that order is part of the input.
import { sortFindings, type Finding } from '../model/finding.ts';
import type { RunModel, StepResult, TestResult } from '../model/run.ts';
import { compareReqIds } from '../model/verdict.ts';

export function canonicalRun(run: RunModel): RunModel {
  return {
    ...run,
    tests: run.tests.map(canonicalTest),
    requirements: [...run.requirements].sort((a, b) => compareReqIds(a.id, b.id)),
  };
}

function canonicalTest(t: TestResult): TestResult {
  return { ...t, reqIds: sortReqIds(t.reqIds), steps: t.steps.map(canonicalStep), findings: canonicalFindings(t.findings) };
}

function canonicalStep(s: StepResult): StepResult {
  return { ...s, reqIds: sortReqIds(s.reqIds), findings: canonicalFindings(s.findings) };
}

function canonicalFindings(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings.map((f) => ({ ...f, reqIds: sortReqIds(f.reqIds) })));
}

export function sortReqIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort(compareReqIds);
}

// The order of requirement IDs is part of the verdict model (model/verdict.ts).
export { compareReqIds };

/** A test's own findings and its steps' findings, once each, in canonical order. */
export function allFindings(t: TestResult): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of [...t.findings, ...t.steps.flatMap((s) => s.findings)]) seen.set(JSON.stringify(f), f);
  return canonicalFindings([...seen.values()]);
}

/** One line per finding, the same in every text-based report. */
export function findingLine(f: Finding): string {
  const where = [f.location.artefact, f.location.path].filter(Boolean).join(' ');
  return `${f.severity} ${f.reqIds.join(',')} ${where ? `${where}: ` : ''}${f.message} [${f.ruleId}]`;
}
