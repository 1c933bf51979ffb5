// The installed bin as users run it: compiled by bin/build.mjs (as `npm ci` does through
// `prepare`), so a build that breaks fails here; and lazy: a command loads only what it uses.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kosSubmissionEnvelope } from '../fixtures/builders/ebrim-kos-submission.ts';
import { conformantManifest, toBytes } from '../fixtures/builders/kos-fixtures.ts';
import { packagePath } from '../model/package-root.ts';
import { toolVersion } from './version.ts';

const run = promisify(execFile);
const BIN = packagePath('bin/mcwg.js');
const TRACE_HOOK = packagePath('cli/trace-modules.mjs');

const dir = mkdtempSync(join(tmpdir(), 'mcwg-bin-'));
const manifest = join(dir, 'manifest.dcm');
writeFileSync(manifest, toBytes(conformantManifest()));
const submission = join(dir, 'iti41.xml');
writeFileSync(submission, kosSubmissionEnvelope(true).xml);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await run(process.execPath, [packagePath('bin/build.mjs')]);
}, 120_000);

/** Runs the bin with a module-resolution trace; returns the output and every module URL resolved. */
async function traced(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; modules: string[] }> {
  const file = join(dir, `trace-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, '');
  const r = await run(process.execPath, ['--import', TRACE_HOOK, BIN, ...args], {
    env: { ...process.env, ...env, MCWG_TRACE_MODULES: file },
  });
  return { stdout: r.stdout, modules: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

/** npm packages among module URLs, by name. */
const packagesOf = (modules: string[]): Set<string> =>
  new Set(modules.flatMap((m) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1] ?? []));

/** Project source folders (first path segment under the package root) among module URLs. */
const sourceFolders = (modules: string[]): Set<string> => {
  const root = `file://${packagePath()}/`;
  return new Set(
    modules
      .filter((m) => m.startsWith(root) && !m.includes('/node_modules/'))
      .map((m) => m.slice(root.length).split('/').slice(0, 2).join('/')),
  );
};

const HEAVY = ['fastify', 'pg', 'better-sqlite3', 'ajv', 'zod', 'yaml', 'handlebars', 'dcmjs', 'fast-xml-parser'];

describe('the installed bin', () => {
  test('runs the compiled CLI and sets the exit code', async () => {
    const ok = await run(process.execPath, [BIN, 'requirements', '--area', 'WIA']);
    expect(ok.stdout).toMatch(/^WIA-001/);
    const bad = await run(process.execPath, [BIN, 'requirements', '--level', 'MUST']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toMatch(/--level <LEVEL>' argument 'MUST' is invalid/);
    expect((bad as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });

  test('--version answers from the bin itself: no compiled module, no package, same text as commander', async () => {
    const r = await traced(['--version']);
    expect(r.stdout).toBe(`${toolVersion()}\n`);
    expect(r.modules.filter((m) => m.includes('/dist/') || m.includes('/node_modules/'))).toEqual([]);
    expect((await traced(['-V'])).stdout).toBe(r.stdout);
    // Any other argv goes through commander (bundled into dist/ by bin/build.mjs, so no package
    // is resolved from node_modules), which prints the same version for the same option.
    const viaCommander = await traced(['--debug', '--version']);
    expect(viaCommander.stdout).toBe(r.stdout);
    expect(viaCommander.modules.some((m) => m.endsWith('/dist/mcwg.js'))).toBe(true);
    expect([...packagesOf(viaCommander.modules)]).toEqual([]);
  });

  test('validate kos checks a manifest from dist/ and loads none of the heavy packages', async () => {
    const r = await traced(['validate', 'kos', manifest]);
    expect(r.stdout).toContain(`VALID   ${manifest}`);
    expect(r.modules.some((m) => m.includes('/dist/'))).toBe(true);
    const loaded = packagesOf(r.modules);
    expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
  });

  test('from the sources too, validate kos imports nothing of the simulators, suites, reports or other commands', async () => {
    const r = await traced(['validate', 'kos', manifest], { MCWG_TSX: '1' });
    expect(r.stdout).toContain(`VALID   ${manifest}`);
    const folders = sourceFolders(r.modules);
    expect(folders.has('validators/kos')).toBe(true);
    expect([...folders].filter((f) => /^(simulators|suites|reports)\//.test(f))).toEqual([]);
    const commands = r.modules.filter((m) => m.includes('/cli/commands/')).map((m) => m.split('/').pop());
    expect(commands.sort()).toEqual(['validate-kos.ts', 'validate.ts']);
    const loaded = packagesOf(r.modules);
    expect(['fastify', 'pg', 'better-sqlite3', 'ajv'].filter((p) => loaded.has(p))).toEqual([]);
  });

  test('validate submission of an ITI-41 loads nothing FHIR-only (fhirpath, ajv) nor yaml and zod', async () => {
    // fhirpath alone is most of a cold start; the MHD rules and the R4 schema load only for a Bundle,
    // and the shipped preset is read pre-checked from dist/assets.
    const r = await traced(['validate', 'submission', submission]);
    expect(r.stdout).toContain(`VALID   ${submission}`);
    expect(r.stdout).toContain('preset mcwg: severity of mcwg.title.summary set to warning');
    const loaded = packagesOf(r.modules);
    expect(['fhirpath', 'ajv', 'zod', 'yaml', 'fastify', 'pg', 'better-sqlite3'].filter((p) => loaded.has(p))).toEqual([]);
  });

  test('a preset file that differs from the shipped one of the same name is parsed, not read pre-checked', async () => {
    // dist/assets/preset-mcwg.json names the SHA-256 of suites/presets/mcwg.yaml: another
    // mcwg.yaml must get its own overrides (and load yaml and zod to check them).
    mkdirSync(join(dir, 'own'), { recursive: true });
    const own = join(dir, 'own', 'mcwg.yaml');
    writeFileSync(own, 'name: own\nseverities:\n  XDS-001: off\n');
    const r = await traced(['validate', 'submission', submission, '--preset', own]);
    expect(r.stdout).toContain('preset own: severity of XDS-001 set to off');
    expect(r.stdout).not.toContain('preset mcwg:');
    expect(packagesOf(r.modules).has('zod')).toBe(true);
  });

  test('--debug maps a stack trace to the TypeScript sources', async () => {
    // An --out below a regular file fails inside writeOutput: the stack printed under --debug
    // names cli/io.ts through dist/*.map, not a bundled chunk.
    const r = await run(process.execPath, [BIN, '--debug', 'validate', 'kos', manifest, '--out', join(manifest, 'x.txt')]).catch(
      (e: { stderr: string }) => e,
    );
    expect((r as { stderr: string }).stderr).toMatch(/at writeOutput \(\S+\/cli\/io\.ts:\d+:\d+\)/);
  });

  test('without a build it runs the sources through tsx after a one-line notice', async () => {
    // A package tree without dist/: bin/ copied, the sources and node_modules linked.
    const pkg = join(dir, 'no-build');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    copyFileSync(BIN, join(pkg, 'bin/mcwg.js'));
    copyFileSync(packagePath('bin/package.json'), join(pkg, 'bin/package.json'));
    for (const f of [
      'cli',
      'model',
      'validators',
      'protocols',
      'reports',
      'suites',
      'simulators',
      'fixtures',
      'node_modules',
      'package.json',
    ]) {
      symlinkSync(packagePath(f), join(pkg, f));
    }
    const r = await run(process.execPath, [join(pkg, 'bin/mcwg.js'), 'validate', 'kos', manifest]);
    expect(r.stdout).toContain(`VALID   ${manifest}`);
    expect(r.stderr).toBe('mcwg: no compiled build in dist/ (run `npm run build`); running the TypeScript sources through tsx\n');
  });
});
