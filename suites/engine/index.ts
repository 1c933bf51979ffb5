// The test-plan engine: define plans with the DSL, run them with runPlan.
export * from './dsl.ts';
export { checkPlan, PlanError } from './load-plan.ts';
export { runPlan, type RunOptions } from './run-plan.ts';
export { buildRunModel } from './run-model.ts';
export type { ProgressEvent, ProgressListener } from './progress.ts';
export type { EvidenceRecorder, EvidenceSink } from './evidence.ts';
export { WaitTimeout } from './wait-for.ts';
