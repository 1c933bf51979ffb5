// Patient location caching (XDS-030): an initiating gateway asks where a patient is known (XCPD
// Patient Location Query, ITI-55, injected as `discover`) once, then reuses the answer for
// later queries of the same patient until it expires. A failed discovery is not cached.
export type PatientLocator = (nationalId: string) => Promise<string[]>;

export interface CachedLocator {
  locate: PatientLocator;
  /** How many times discovery actually ran: what the XDS-030 check observes. */
  discoveries(): number;
}

export function cachedLocator(discover: PatientLocator, opts: { ttlMs: number; now?: () => number }): CachedLocator {
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { homes: string[]; until: number }>();
  let runs = 0;
  return {
    async locate(id) {
      const hit = cache.get(id);
      if (hit && hit.until > now()) return hit.homes;
      runs++;
      const homes = await discover(id);
      cache.set(id, { homes, until: now() + opts.ttlMs });
      return homes;
    },
    discoveries: () => runs,
  };
}
