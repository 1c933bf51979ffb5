// An Io that captures output, for CLI tests that run commands in-process.
import type { Io } from './io.ts';
import { runCli } from './program.ts';

export interface Captured {
  code: number;
  out: string;
  err: string;
}

export function captureIo(debug = false): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTty: false, debug };
}

export async function runMcwg(...argv: string[]): Promise<Captured> {
  const io = captureIo(argv.includes('--debug'));
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}
