// The plans `mcwg run PLAN` knows, loaded lazily, and the built-in reference SUT behind
// `mcwg run --reference`. One line per plan.
import type { Simulator } from '../../model/exchange.ts';
import type { PlanDef } from '../engine/dsl.ts';
import type { SutProfile } from '../profiles/profile.ts';

export type PlanLoader = () => Promise<PlanDef>;

export const PLANS: Readonly<Record<string, PlanLoader>> = {};

/** A running reference SUT: its profile, the simulators the plan talks to, and a stop. */
export interface RunningSut {
  sut: SutProfile;
  simulators: Record<string, Simulator>;
  stop(): Promise<void>;
}

export interface ReferenceSut {
  planId: string;
  start(opts: { dataDir: string }): Promise<RunningSut>;
}

export const REFERENCE: ReferenceSut | undefined = undefined;
