// Which plans test which roles: the actors of a plan's groups and tests (and the roles its
// tests apply to). Computed once from the PLANS map, so a new plan shows up in the console
// without a list here.
import { PLANS } from '../../suites/plans/index.ts';

let cached: Promise<ReadonlyMap<string, readonly string[]>> | undefined;

export function planRoles(): Promise<ReadonlyMap<string, readonly string[]>> {
  cached ??= (async () => {
    const out = new Map<string, readonly string[]>();
    for (const [id, load] of Object.entries(PLANS)) {
      const plan = (await load()).plan();
      const roles = new Set<string>();
      for (const g of plan.groups) {
        if (g.actor) roles.add(g.actor);
        for (const t of g.tests) {
          if (t.actor) roles.add(t.actor);
          for (const r of t.when?.roles ?? []) roles.add(r);
        }
      }
      out.set(id, [...roles].sort());
    }
    return out;
  })();
  return cached;
}

/** Plans testing at least one of the roles, by plan id order. */
export async function plansFor(roles: readonly string[]): Promise<string[]> {
  const map = await planRoles();
  return [...map].filter(([, r]) => r.some((x) => roles.includes(x))).map(([id]) => id);
}

/** Plans testing this role. */
export async function plansOfRole(role: string): Promise<string[]> {
  return plansFor([role]);
}
