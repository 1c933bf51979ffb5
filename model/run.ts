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

export type LabelOutcome = 'granted' | 'refused' | 'incomplete';

export interface LabelDecision {
  policy: { id: string; version: string };
  role: string;
  outcome: LabelOutcome;
  required: { id: string; level: RequirementLevel; state: TestState; waived?: { reason: string } }[];
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
  label?: LabelDecision;
}
