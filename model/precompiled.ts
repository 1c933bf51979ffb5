// The compiled CLI ships YAML assets (value sets) parsed and schema-checked at build time as
// JSON in dist/assets/, so a start-up reads JSON instead of loading yaml and zod (about a
// third of `validate kos`'s start-up). The JSON names the SHA-256 of the YAML it came from:
// a YAML edited after the build no longer matches and the caller parses the YAML itself.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from './package-root.ts';

// Replaced by `true` when bin/build.mjs bundles the CLI; undefined under tsx, where the
// schema code may be newer than the last build, so sources are always parsed there.
declare const MCWG_COMPILED: boolean | undefined;
export const COMPILED: boolean = typeof MCWG_COMPILED !== 'undefined' && MCWG_COMPILED === true;

interface Envelope {
  sourceSha256: string;
  data: unknown;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The pre-checked data for `name`, when running compiled and it was built from exactly `sourceText`. */
export function readPrecompiled<T>(name: string, sourceText: string): T | undefined {
  if (!COMPILED) return undefined;
  let env: Envelope;
  try {
    env = JSON.parse(readFileSync(packagePath('dist', 'assets', `${name}.json`), 'utf8')) as Envelope;
  } catch {
    return undefined;
  }
  return env.sourceSha256 === sha256(sourceText) ? (env.data as T) : undefined;
}

/** Written by the build, after the data passed the same checks a run would make. */
export function writePrecompiled(outdir: string, name: string, sourceText: string, data: unknown): void {
  mkdirSync(join(outdir, 'assets'), { recursive: true });
  writeFileSync(join(outdir, 'assets', `${name}.json`), JSON.stringify({ sourceSha256: sha256(sourceText), data } satisfies Envelope));
}
