// The plans `mcwg` knows: one line per plan, each loading that plan's folder module
// (<plan>/module.ts: plan, simulators, reference SUT, defects, findings, profile template).
// Loaded on use, so the CLI does not import every plan to print --help. Adding a plan is one
// folder plus one line here; the views below (what `mcwg run` takes) derive from this map.
import type { MutationDefect, PlanLoader, PlanModule, ReferenceSut, SimulatorStarter } from '../engine/plan-module.ts';

export type { PlanLoader, PlanModule, ReferenceSut, RunningSut, SimulatorStarter } from '../engine/plan-module.ts';

export type PlanModuleLoader = () => Promise<PlanModule>;

export const PLANS: Readonly<Record<string, PlanModuleLoader>> = {
  'imaging-document-source': async () => (await import('./imaging-document-source/module.ts')).planModule,
  'wado-rs-source': async () => (await import('./wado-rs-source/module.ts')).planModule,
  'report-source': async () => (await import('./report-source/module.ts')).planModule,
  'imaging-document-consumer': async () => (await import('./imaging-document-consumer/module.ts')).planModule,
  'document-registry-repository': async () => (await import('./document-registry-repository/module.ts')).planModule,
  'common-imaging-gateway': async () => (await import('./common-imaging-gateway/module.ts')).planModule,
  'mhd-document-responder': async () => (await import('./mhd-document-responder/module.ts')).planModule,
  'mhd-document-source': async () => (await import('./mhd-document-source/module.ts')).planModule,
  'mhd-document-consumer': async () => (await import('./mhd-document-consumer/module.ts')).planModule,
  'responding-gateway': async () => (await import('./responding-gateway/module.ts')).planModule,
  'initiating-gateway': async () => (await import('./initiating-gateway/module.ts')).planModule,
  'wia-facade': async () => (await import('./wia-facade/module.ts')).planModule,
  'image-display': async () => (await import('./image-display/module.ts')).planModule,
};

const eachPlan = <T>(view: (load: PlanModuleLoader) => T): Record<string, T> =>
  Object.fromEntries(Object.entries(PLANS).map(([id, load]) => [id, view(load)]));

/** A fresh definition of each plan, by plan id. */
export const PLAN_LOADERS: Readonly<Record<string, PlanLoader>> = eachPlan((load) => async () => (await load()).plan());

/** The simulators each plan's SUT talks to with --sut (none: an empty set). */
export const PLAN_SIMULATORS: Readonly<Record<string, SimulatorStarter>> = eachPlan((load) => async (o) => {
  const start = (await load()).simulators;
  return start ? start(o) : {};
});

/** The reference SUT of every plan, by plan id (loads every plan module; for `--reference`). */
export async function loadReferences(): Promise<Record<string, ReferenceSut>> {
  const entries = await Promise.all(Object.entries(PLANS).map(async ([id, load]) => [id, (await load()).reference] as const));
  return Object.fromEntries(entries);
}

/** The broken variants of each plan's reference SUT (loads each plan module, not its SUT). */
export const PLAN_DEFECTS: Readonly<Record<string, () => Promise<readonly MutationDefect[]>>> = eachPlan(
  (load) => async () => (await load()).defects(),
);
