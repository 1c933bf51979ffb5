// A system's label decision per role: each plan's latest finished run, recomputed with the
// monitors' decisions, combined per role.
import type { RunModel } from '../../model/run.ts';
import { FINAL_STATES, type QueuedRun } from '../queue/types.ts';
import type { SystemRecord, TestingSession } from '../store/testing-sessions.ts';
import type { ConsoleDeps } from './app.ts';
import { type ConsoleLabel, combineLabels, runLabels } from './labels.ts';
import { planRoles } from './plans.ts';

/** Each plan's latest finished run of the system that carries a run model. */
export async function latestRuns(deps: ConsoleDeps, systemId: string): Promise<{ queued: QueuedRun; run: RunModel; outDir?: string }[]> {
  const runs = await deps.queue.list({ systemId, states: FINAL_STATES });
  const latest = new Map<string, QueuedRun>();
  for (const r of runs) {
    const seen = latest.get(r.plan);
    if (!seen || (r.endedAt ?? r.queuedAt) > (seen.endedAt ?? seen.queuedAt)) latest.set(r.plan, r);
  }
  const out: { queued: QueuedRun; run: RunModel; outDir?: string }[] = [];
  for (const q of latest.values()) {
    const full = await deps.queue.get(q.id);
    if (!full?.runJson) continue;
    out.push({ queued: full, run: JSON.parse(full.runJson) as RunModel, ...(full.outDir ? { outDir: full.outDir } : {}) });
  }
  return out.sort((a, b) => (a.queued.plan < b.queued.plan ? -1 : 1));
}

export async function systemLabels(deps: ConsoleDeps, session: TestingSession, system: SystemRecord): Promise<ConsoleLabel[]> {
  const runs = await latestRuns(deps, system.id);
  if (runs.length === 0) return [];
  const roles = await planRoles();
  const perRun = [];
  for (const r of runs) {
    perRun.push({
      plan: r.queued.plan,
      planRoles: roles.get(r.queued.plan) ?? [],
      labels: runLabels(session, r.run, await deps.reviews.latestOfRun(r.queued.id)),
    });
  }
  return combineLabels(system.roles, perRun);
}
