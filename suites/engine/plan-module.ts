// What a plan folder exports and what the engine and CLI need to run it against a target. Lives
// in the engine (not the plan index) so reference SUTs and simulators can name these types
// without importing the list of all plans back (no cycle).
import type { Simulator } from '../../model/exchange.ts';
import type { SutProfile } from '../profiles/profile.ts';
import type { PlanDef } from './dsl.ts';

export type PlanLoader = () => Promise<PlanDef>;

/** Starts the simulators a plan's SUT talks to (on port 0, data under dataDir); keyed by name as steps see them. */
export type SimulatorStarter = (opts: { dataDir: string; sut: SutProfile }) => Promise<Record<string, Simulator>>;

/** A running reference SUT: its profile, the simulators the plan talks to, and a stop. */
export interface RunningSut {
  sut: SutProfile;
  simulators: Record<string, Simulator>;
  stop(): Promise<void>;
}

export interface ReferenceSut {
  planId: string;
  /** One line for the tester: what starting it builds and runs. */
  description?: string;
  /** Commands of independent peers it starts (e.g. Orthanc); without them it cannot run. */
  needs?: string[];
  start(opts: { dataDir: string }): Promise<RunningSut>;
}

/** One broken variant of a reference SUT: the defect and exactly the requirements that end 'fail' against it. */
export interface MutationDefect {
  id: string;
  description: string;
  fails: readonly string[];
}

/** A finding a plan's steps can produce, declared with the plan (see each plan's findings.ts). */
export interface PlanFinding {
  id: string;
  reqIds: readonly string[];
  title: string;
}

/**
 * Everything about one plan, exported by `suites/plans/<plan>/module.ts`. Heavy parts load on
 * use: `reference.start` and `defects` import their code only when called.
 */
export interface PlanModule {
  /** A fresh plan definition (its tests share state within one run only). */
  plan(): PlanDef;
  /** The simulators its SUT talks to when run with --sut; absent when the SUT is only called. */
  simulators?: SimulatorStarter;
  /** The built-in conformant SUT behind `mcwg run PLAN --reference`. */
  reference: ReferenceSut;
  /** The broken variants of the reference SUT and the requirements each must fail. */
  defects(): Promise<readonly MutationDefect[]>;
  /** The finding IDs its steps produce (declared in its findings.ts). */
  findings: readonly PlanFinding[];
  /** Its SUT profile template (suites/profiles/templates/<plan>.yaml). */
  template: URL;
}
