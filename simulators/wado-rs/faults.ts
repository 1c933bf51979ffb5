// Fault injection for the monitoring scenario: each fault is one option, combinable.
export interface Faults {
  /** Delay before each answer, ms. */
  latencyMs?: number;
  /** Answer every request with 503 and Retry-After. */
  outage?: boolean;
  /** End a retrieve body cleanly after this many bytes: the multipart close delimiter is missing. */
  truncateAfterBytes?: number;
  /** Destroy the connection after this many body bytes of a retrieve. */
  dropAfterBytes?: number;
  /** Pause before each instance of a retrieve after the first, ms: a slow disk, so a client can tell streaming from buffering (WADO-016). */
  partDelayMs?: number;
  /** Answer the first this many retrieves 503 with Retry-After (busySeconds): a consumer must wait, then retry (WADO-010). */
  busyFirst?: number;
  /** The Retry-After of busyFirst answers, seconds (default 1). */
  busySeconds?: number;
}

export const FAULT_HELP = 'latency=MS | outage | truncate=BYTES | drop=BYTES (repeatable)';

/** Parses CLI fault specs; throws an Error naming the bad one. */
export function parseFaults(specs: readonly string[]): Faults {
  const f: Faults = {};
  for (const spec of specs) {
    const [name, value] = spec.split('=', 2) as [string, string | undefined];
    const n = value === undefined ? NaN : Number(value);
    const needN = (): number => {
      if (!Number.isInteger(n) || n < 0) throw new Error(`--fault ${spec}: ${name} needs a non-negative integer (${FAULT_HELP})`);
      return n;
    };
    if (name === 'latency') f.latencyMs = needN();
    else if (name === 'outage' && value === undefined) f.outage = true;
    else if (name === 'truncate') f.truncateAfterBytes = needN();
    else if (name === 'drop') f.dropAfterBytes = needN();
    else throw new Error(`--fault ${spec}: unknown fault (${FAULT_HELP})`);
  }
  return f;
}
