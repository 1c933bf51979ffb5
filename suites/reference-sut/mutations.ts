// Recorded mutation results. Each plan module declares the broken variants of its reference SUT
// (`defects`: one injected defect each and the requirements a run against it must fail);
// docs/mutations.md renders them with the requirements that actually failed, recorded here by
// each plan's variant tests.
//
// Why recorded results and not runs at generation time: running every variant of every plan
// takes minutes (Orthanc, simulators), so `npm run docs` and scripts/docs.test.ts (which checks
// the generated docs are current) would be slow. Instead each variant test compares its actual
// failing requirements with fixtures/golden/mutations/<plan>.json and fails when they differ
// (MCWG_UPDATE_GOLDEN=1 rewrites the file): the file cannot drift from real runs without a red
// test, and docs.test stays a fast pure render of committed data.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { packageUrl } from '../../model/package-root.ts';
export type { MutationDefect } from '../engine/plan-module.ts';

/** What one variant's run failed, as its test recorded it. */
export interface RecordedMutations {
  planId: string;
  /** Defect id -> requirement IDs that ended 'fail', sorted. */
  failed: Record<string, string[]>;
}

const RESULTS_DIR = packageUrl('fixtures/golden/mutations/');
export const resultsFile = (planId: string): URL => new URL(`${planId}.json`, RESULTS_DIR);

export function readRecorded(planId: string): RecordedMutations {
  const file = resultsFile(planId);
  if (!existsSync(file)) return { planId, failed: {} };
  return JSON.parse(readFileSync(file, 'utf8')) as RecordedMutations;
}

/**
 * For a variant test: the recorded failing requirements of this defect, after writing the
 * actual ones when MCWG_UPDATE_GOLDEN=1. The test asserts the two are equal.
 */
export function recordedFailures(planId: string, defectId: string, actual: readonly string[]): string[] | undefined {
  const rec = readRecorded(planId);
  if (process.env.MCWG_UPDATE_GOLDEN === '1') {
    rec.failed[defectId] = [...actual].sort();
    rec.failed = Object.fromEntries(Object.entries(rec.failed).sort(([a], [b]) => a.localeCompare(b)));
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(resultsFile(planId), `${JSON.stringify(rec, null, 1)}\n`);
  }
  return rec.failed[defectId];
}
