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

/**
 * Patient location learned from the gateway's own fan-outs, for a gateway without XCPD: after a
 * query for a patient, the communities that answered with nothing are left out of that
 * patient's next queries until the entry expires (XDS-030: the patient-to-community mapping is
 * cached, not rediscovered per query). A community that failed or was late stays in: its
 * answer is still unknown.
 */
export interface PatientMemory {
  /** The communities still worth asking for this patient; undefined: nothing learned yet. */
  homesOf(patientId: string): ReadonlySet<string> | undefined;
  /** What a fan-out for this patient showed: the communities that hold (or may hold) data. */
  learn(patientId: string, homes: readonly string[]): void;
}

export function patientMemory(opts: { ttlMs: number; now?: () => number }): PatientMemory {
  const now = opts.now ?? Date.now;
  const known = new Map<string, { homes: ReadonlySet<string>; until: number }>();
  return {
    homesOf(id) {
      const hit = known.get(id);
      return hit && hit.until > now() ? hit.homes : undefined;
    },
    learn(id, homes) {
      known.set(id, { homes: new Set(homes), until: now() + opts.ttlMs });
    },
  };
}
