// What a user may see. A vendor sees its organisation's systems and runs only; for anything
// else the answer is "not found", so ids of other organisations' systems reveal nothing.
import type { QueuedRun } from '../queue/types.ts';
import type { SystemRecord } from '../store/testing-sessions.ts';
import type { User } from '../store/users.ts';
import type { ConsoleDeps } from './app.ts';

export function maySee(user: User, system: Pick<SystemRecord, 'organisation'>): boolean {
  return user.role !== 'vendor' || system.organisation === user.organisation;
}

/** A vendor edits its own organisation's systems; an admin any. A monitor reviews, it does not edit profiles. */
export function mayEdit(user: User, system: Pick<SystemRecord, 'organisation'>): boolean {
  return user.role === 'admin' || (user.role === 'vendor' && system.organisation === user.organisation);
}

export const isReviewer = (user: User): boolean => user.role === 'admin' || user.role === 'monitor';

export async function visibleSystem(deps: ConsoleDeps, user: User, id: string): Promise<SystemRecord | undefined> {
  const system = await deps.sessions.system(id);
  return system && maySee(user, system) ? system : undefined;
}

export async function visibleRun(
  deps: ConsoleDeps,
  user: User,
  id: string,
): Promise<{ run: QueuedRun & { runJson?: string; outDir?: string }; system: SystemRecord } | undefined> {
  const run = await deps.queue.get(id);
  if (!run) return undefined;
  const system = await visibleSystem(deps, user, run.systemId);
  return system ? { run, system } : undefined;
}
