// What every `mcwg simulate <actor>` shares: --port / --store / --data parsing, one
// `TRANSACTION URL` line per endpoint on stdout (scripts and tests read them), and a clean
// stop on SIGINT/SIGTERM that leaves no signal listener behind.
import { join } from 'node:path';
import { openStore } from '../simulators/store/open-store.ts';
import type { Endpoint } from '../simulators/kit/http.ts';
import type { XdsStore } from '../simulators/store/types.ts';
import { UsageError } from './errors.ts';
import type { Io } from './io.ts';

export type { Endpoint } from '../simulators/kit/http.ts';

export interface Running {
  endpoints: readonly Endpoint[];
  /** Idempotent; resolves once sockets are closed and the store is flushed. */
  stop(): Promise<void>;
}

export function intOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} ${text}: expected an integer from ${min} to ${max}`);
  return n;
}

/** A TCP port; 0 asks the OS for a free one. */
export const portOption = (text: string, name = '--port'): number => intOption(name, text, 0, 65535);

/** A positive byte count (--max-body, --max-binary). */
export function bytesOption(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} ${text}: expected a positive number of bytes`);
  return n;
}

export interface StoreOptions {
  store?: string;
  data: string;
}

/** --store as given, else the SQLite file under --data that `simulate xds` and `simulate mhd` share. */
export const storeSpecOf = (o: StoreOptions): string => o.store ?? `sqlite:${join(o.data, 'xds.sqlite')}`;

/** How a store is named on stderr: a PostgreSQL URL may hold a password, so it is not repeated. */
export const storeLabel = (spec: string): string => (spec.startsWith('postgres') ? 'PostgreSQL' : spec);

export async function openStoreOption(spec: string): Promise<XdsStore> {
  try {
    return await openStore(spec);
  } catch (err) {
    throw new UsageError(`--store ${spec}: ${(err as Error).message}`);
  }
}

export function printEndpoints(io: Io, endpoints: readonly Endpoint[]): void {
  for (const e of endpoints) io.out(`${e.transaction} ${e.url}\n`);
}

/** Resolves on the first SIGINT or SIGTERM, then listens for neither. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Prints the endpoints, serves until SIGINT/SIGTERM, stops, and says so on stderr as
 * `NAME: stopped`. `beforeStop` reports what was done (exchanges, …) before sockets close.
 */
export async function serveUntilSignal(io: Io, name: string, running: Running, opts: { beforeStop?: () => void } = {}): Promise<void> {
  printEndpoints(io, running.endpoints);
  await untilSignal();
  opts.beforeStop?.();
  await running.stop();
  io.err(`${name}: stopped\n`);
}
