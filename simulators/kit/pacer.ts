// Long work on the event loop in turns of a few milliseconds (issue 16 item 3): a loop asks
// `due()` between items and, when its turn is used up, awaits `next()`, so I/O and timers of
// other requests are served in between. Time, not item counts: items differ a hundredfold in cost.

/** Work per turn of the event loop, ms: small requests wait at most about this per turn. */
export const TURN_MS = 8;

export interface Pacer {
  /** Whether this turn's time is used up. */
  due(): boolean;
  /** Lets the event loop run once (setImmediate: after pending I/O), then starts a new turn. */
  next(): Promise<void>;
}

export function pacer(turnMs = TURN_MS): Pacer {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= turnMs,
    async next() {
      await new Promise((r) => setImmediate(r));
      since = performance.now();
    },
  };
}
