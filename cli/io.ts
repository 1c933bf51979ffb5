// The only place that touches the process's streams; commands get an Io so tests can
// capture output without spawning.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress bars only then. */
  isTty: boolean;
  debug: boolean;
}

export function processIo(debug: boolean): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTty: Boolean(process.stderr.isTTY),
    debug,
  };
}

/** Writes text to FILE (creating its folder) or, without a file, to stdout. */
export async function writeOutput(io: Io, text: string, file?: string): Promise<void> {
  if (!file) {
    io.out(text);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const ws = createWriteStream(file);
  ws.end(text);
  await finished(ws);
}
