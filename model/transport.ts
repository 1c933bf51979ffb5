// Our side failing to reach the SUT: refused, unresolvable, unreachable, or no answer before a
// timeout. That is not a nonconformance (the SUT never answered, nothing could be judged):
// the engine turns a step that met one into 'error', naming the endpoint and how it failed.
// Clients classify their own failures here, so the rules live in one place.

export type UnreachableCode = 'ECONNREFUSED' | 'ENOTFOUND' | 'EAI_AGAIN' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ECONNRESET' | 'timeout';

export interface Unreachable {
  /** The URL or host:port we tried. */
  endpoint: string;
  code: UnreachableCode;
  /** Plain words for the code. */
  how: string;
}

const HOW: Record<UnreachableCode, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name does not resolve',
  EAI_AGAIN: 'host name could not be resolved (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset before any answer',
  timeout: 'no answer before the timeout',
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);

/** Thrown (or carried) when a call to the SUT got no answer at all. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(readonly failure: Unreachable) {
    super(describeUnreachable(failure));
  }
}

export function describeUnreachable(u: Unreachable): string {
  return `our side could not reach ${u.endpoint}: ${u.code === 'timeout' ? 'timeout' : u.code} (${u.how})`;
}

/**
 * The transport failure in `err` (its code, or its cause's: fetch wraps the socket error),
 * or undefined when `err` is something else (a bad answer, our own bug). Call it only when
 * no answer came back: a timeout after the status line is the SUT's slowness, not this.
 */
export function classifyUnreachable(err: unknown, endpoint: string): Unreachable | undefined {
  if (err instanceof UnreachableError) return err.failure;
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code in HOW) return { endpoint, code: code as UnreachableCode, how: HOW[code as UnreachableCode] };
    if ((typeof code === 'string' && TIMEOUT_CODES.has(code)) || name === 'TimeoutError')
      return { endpoint, code: 'timeout', how: HOW.timeout };
    // AggregateError (happy eyeballs: one error per address tried): the first says it.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = classifyUnreachable(errors[0], endpoint);
      if (inner) return inner;
    }
  }
  return undefined;
}
