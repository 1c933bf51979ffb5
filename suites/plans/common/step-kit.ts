// What the steps of every plan share: the state an earlier test must have recorded, error
// findings located on an artefact or on one recorded exchange, and client calls recorded as
// the step's evidence.
import type { Exchange } from '../../../model/exchange.ts';
import type { Finding } from '../../../model/finding.ts';
import type { StepContext } from '../../engine/dsl.ts';

/** A value an earlier test of the plan records; its absence is our breakage, not the SUT's. */
export function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what}: an earlier test did not record it`);
  return v;
}

/** An error finding at a path of an artefact, citing the exchange it came from when given. */
export const artefactFinding = (
  ruleId: string,
  reqIds: string[],
  artefact: string,
  path: string,
  message: string,
  evidence?: string,
): Finding => ({
  ruleId,
  reqIds,
  severity: 'error',
  message,
  location: { artefact, path },
  ...(evidence ? { evidence: [evidence] } : {}),
});

/** An error finding at a path of one recorded exchange (artefact `<transaction> <id>`), citing it. */
export const exchangeFinding = (ruleId: string, reqIds: string[], ex: Exchange, path: string, message: string): Finding => ({
  ruleId,
  reqIds,
  severity: 'error',
  message,
  location: { artefact: `${ex.transaction} ${ex.id}`, path },
  evidence: [ex.id],
});

/** Collects the exchanges of one client call and stores them as the step's evidence. */
export async function recorded<T>(ctx: StepContext, fn: (record: (e: Exchange) => void) => Promise<T>): Promise<T> {
  const list: Exchange[] = [];
  const value = await fn((e) => void list.push(e));
  for (const e of list) await ctx.evidence.exchange(e);
  return value;
}
