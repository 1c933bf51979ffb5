// The test-plan DSL: plan -> groups -> tests -> steps. Plans are data plus step functions;
// checkPlan (load-plan.ts) validates the cited requirement IDs before anything runs.
import type { Exchange, Simulator } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import type { NotChecked, TestState } from '../../model/run.ts';
import type { SutProfile } from '../profiles/profile.ts';
import type { EvidenceRecorder } from './evidence.ts';

/** What a step returns: a bare state, or a state with its findings and a message. */
export type StepOutcome = TestState | StepVerdict;

export interface StepVerdict {
  state: TestState;
  message?: string;
  findings?: Finding[];
  /** Evidence ids (Exchange.id) this verdict rests on, beyond those recorded through ctx. */
  evidence?: string[];
  /** Set by ctx.fromFindings: the state follows from the findings alone. */
  fromFindings?: boolean;
  /**
   * Cited requirements this check could not run for this SUT (e.g. KOS-021 without a
   * location table), with why: reported 'not tested' (skip), never 'pass'.
   */
  notChecked?: NotChecked;
}

export interface WaitForOptions {
  /** e.g. 'RAD-68', 'ITI-41'. */
  transaction: string;
  /** Extra condition on the recorded exchange. */
  match?: (ex: Exchange) => boolean;
  timeoutMs: number;
  /** Shown to the tester: what to make the SUT do. */
  instructions: string;
  /** Only this simulator (a key of ctx.simulators); default all. */
  simulator?: string;
}

export interface StepContext {
  sut: SutProfile;
  simulators: Readonly<Record<string, Simulator>>;
  evidence: EvidenceRecorder;
  /** Aborted when the test times out or the run is stopped. */
  signal: AbortSignal;
  testId: string;
  stepId: string;
  /** An error finding makes the step fail; otherwise it passes. */
  fromFindings(findings: readonly Finding[], evidence?: readonly string[]): StepVerdict;
  /** Resolves with the first unclaimed exchange a simulator records that matches. */
  waitFor(opts: WaitForOptions): Promise<Exchange>;
  /** Values earlier steps of the same test left for later ones. */
  shared: Map<string, unknown>;
}

export interface StepDef {
  id: string;
  title: string;
  verifies: string[];
  run(ctx: StepContext): Promise<StepOutcome> | StepOutcome;
}

export interface Applicability {
  /** The SUT must declare one of these roles. */
  roles?: string[];
  /** The SUT must declare every one of these options. */
  options?: string[];
}

export interface TestDef {
  id: string;
  title: string;
  verifies: string[];
  steps: StepDef[];
  /** Tests that must pass before this one starts; it is skipped when one did not. */
  dependsOn?: string[];
  timeoutMs?: number;
  actor?: string;
  /** Omitted when the SUT does not match. */
  when?: Applicability;
}

export interface GroupDef {
  id: string;
  title: string;
  actor?: string;
  tests: TestDef[];
}

export interface PlanDef {
  id: string;
  version: string;
  title: string;
  /** Default per-test timeout. */
  timeoutMs?: number;
  groups: GroupDef[];
}

export const defineStep = (s: StepDef): StepDef => s;
export const defineTest = (t: TestDef): TestDef => t;
export const defineGroup = (g: GroupDef): GroupDef => g;
export const definePlan = (p: PlanDef): PlanDef => p;
