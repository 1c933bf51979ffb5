// SUT-initiated transactions: the step tells the tester what to make the SUT do, then
// watches the simulators' recorded exchanges until one matches. Simulators only offer
// exchanges(), so this polls; an exchange is claimed by one wait only.
import type { Exchange, Simulator } from '../../model/exchange.ts';
import type { WaitForOptions } from './dsl.ts';

/** No matching exchange within the step's own timeout: the SUT did not do it (fail). */
export class WaitTimeout extends Error {
  override name = 'WaitTimeout';
}

export interface WaitEnv {
  simulators: Readonly<Record<string, Simulator>>;
  claimed: Set<string>;
  signal: AbortSignal;
  pollMs: number;
}

export function waitForExchange(opts: WaitForOptions, env: WaitEnv): Promise<Exchange> {
  const sims = opts.simulator === undefined ? Object.values(env.simulators) : [env.simulators[opts.simulator]];
  if (sims.some((s) => s === undefined)) return Promise.reject(new Error(`waitFor: no simulator named ${opts.simulator ?? ''}`));
  return new Promise<Exchange>((resolve, reject) => {
    const finish = (fn: () => void) => {
      clearInterval(poll);
      clearTimeout(timer);
      env.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const check = () => {
      try {
        for (const sim of sims as Simulator[]) {
          for (const ex of sim.exchanges()) {
            if (env.claimed.has(ex.id) || ex.transaction !== opts.transaction) continue;
            if (opts.match && !opts.match(ex)) continue;
            env.claimed.add(ex.id);
            finish(() => resolve(ex));
            return;
          }
        }
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const onAbort = () => finish(() => reject(env.signal.reason));
    const poll = setInterval(check, env.pollMs);
    const timer = setTimeout(
      () => finish(() => reject(new WaitTimeout(`no ${opts.transaction} exchange within ${opts.timeoutMs} ms`))),
      opts.timeoutMs,
    );
    if (env.signal.aborted) return onAbort();
    env.signal.addEventListener('abort', onAbort, { once: true });
    check();
  });
}
