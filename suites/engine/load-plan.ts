// Checks a plan before it runs: every cited requirement ID is active in the catalogue, IDs
// are unique, dependencies exist and form no cycle. A plan that fails here never starts.
import { loadCatalogue, unknownIds, type Catalogue } from '../../validators/catalogue/catalogue.ts';
import type { PlanDef, TestDef } from './dsl.ts';

export class PlanError extends Error {
  override name = 'PlanError';
  constructor(
    readonly planId: string,
    readonly problems: string[],
  ) {
    super(`plan ${planId}: ${problems.join('; ')}`);
  }
}

export function checkPlan(plan: PlanDef, catalogue: Catalogue = loadCatalogue()): void {
  const problems: string[] = [];
  const tests = new Map<string, TestDef>();
  const groups = new Set<string>();
  for (const g of plan.groups) {
    if (groups.has(g.id)) problems.push(`duplicate group id ${g.id}`);
    groups.add(g.id);
    for (const t of g.tests) {
      if (tests.has(t.id)) problems.push(`duplicate test id ${t.id}`);
      tests.set(t.id, t);
      const bad = unknownIds(t.verifies, catalogue);
      if (bad.length > 0) problems.push(`test ${t.id} cites unknown requirement ${bad.join(', ')}`);
      if (t.steps.length === 0) problems.push(`test ${t.id} has no steps`);
      const steps = new Set<string>();
      for (const s of t.steps) {
        if (steps.has(s.id)) problems.push(`test ${t.id}: duplicate step id ${s.id}`);
        steps.add(s.id);
        const badStep = unknownIds(s.verifies, catalogue);
        if (badStep.length > 0) problems.push(`step ${t.id}/${s.id} cites unknown requirement ${badStep.join(', ')}`);
        if (s.verifies.length === 0 && t.verifies.length === 0) problems.push(`step ${t.id}/${s.id} cites no requirement`);
      }
    }
  }
  for (const t of tests.values()) {
    for (const d of t.dependsOn ?? []) if (!tests.has(d)) problems.push(`test ${t.id} depends on unknown test ${d}`);
  }
  const cycle = findCycle(tests);
  if (cycle) problems.push(`dependency cycle ${cycle.join(' -> ')}`);
  if (problems.length > 0) throw new PlanError(plan.id, problems);
}

function findCycle(tests: ReadonlyMap<string, TestDef>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    for (const d of tests.get(id)?.dependsOn ?? []) {
      const found = tests.has(d) ? visit(d, [...path, id]) : undefined;
      if (found) return found;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of tests.keys()) {
    const found = visit(id, []);
    if (found) return found;
  }
  return undefined;
}
