// The canonical run model: one JSON document per run. Every report is a rendering of it.
// reports/schema/run.schema.json is its schema; keep the two in step (a test checks).
import type { Finding } from './finding.ts';

export type TestState = 'pass' | 'fail' | 'skip' | 'omit' | 'error' | 'wait';
export const TEST_STATES: readonly TestState[] = ['pass', 'fail', 'skip', 'omit', 'error', 'wait'];

export type RequirementLevel = 'SHALL' | 'SHOULD' | 'MAY';

export interface StepResult {
  id: string;
  title: string;
  reqIds: string[];
  state: TestState;
  durationMs: number;
  message?: string;
  findings: Finding[];
  evidence: string[];
  /** Cited requirements the step's check could not run for (e.g. no location table): not tested. */
  notChecked?: NotChecked;
}

export interface NotChecked {
  reqIds: string[];
  reason: string;
}

export interface TestResult {
  id: string;
  title: string;
  group?: string;
  actor?: string;
  reqIds: string[];
  state: TestState;
  durationMs: number;
  message?: string;
  steps: StepResult[];
  findings: Finding[];
  evidence: string[];
}

export interface RequirementResult {
  id: string;
  title: string;
  level: RequirementLevel;
  state: TestState;
  tests: string[];
  /** Count of error findings citing this requirement. */
  errors: number;
  warnings: number;
  waived?: { reason: string };
}

export interface Override {
  /** What was overridden: 'severity', 'value-set', 'waiver'. */
  kind: string;
  target: string;
  from?: string;
  to?: string;
  reason?: string;
  source: string;
}

/**
 * 'not-eligible': the run cannot earn a label whatever its results (a relaxation such as
 * localTestSetup, or a role declared without an option the policy requires for it).
 */
export type LabelOutcome = 'granted' | 'refused' | 'incomplete' | 'not-eligible';
export const LABEL_OUTCOMES: readonly LabelOutcome[] = ['granted', 'refused', 'incomplete', 'not-eligible'];

export interface LabelRequirement {
  id: string;
  level: RequirementLevel;
  /** Judged from the tests whose actor is this role only. */
  state: TestState;
  waived?: { reason: string };
  /** Why the policy accepts 'omit' here (the SUT's declared role or option). */
  notApplicable?: { reason: string };
}

/** One decision per role the SUT declares. */
export interface LabelDecision {
  policy: { id: string; version: string };
  role: string;
  outcome: LabelOutcome;
  required: LabelRequirement[];
  /** One line each: refusals first, then what is missing, then warnings and waivers. */
  reasons: string[];
}

export interface RunModel {
  schemaVersion: '1';
  tool: { name: string; version: string };
  catalogue: { version: string };
  plan: { id: string; version: string; title: string };
  sut: { name: string; roles: string[]; profile?: Record<string, unknown> };
  startedAt: string;
  endedAt: string;
  durationMs: number;
  incomplete: boolean;
  state: TestState;
  counts: Record<TestState, number>;
  tests: TestResult[];
  requirements: RequirementResult[];
  overrides: Override[];
  /**
   * What this run relaxed from a label run (e.g. the SUT profile's localTestSetup), one line
   * each; any entry makes every label decision 'not-eligible'.
   */
  relaxations: string[];
  /** One per role the SUT declares, in declaration order, when a policy was applied. */
  labels?: LabelDecision[];
}
