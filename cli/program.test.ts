import { describe, expect, test } from 'vitest';
import { runMcwg } from './test-io.ts';
import { toolVersion } from './version.ts';

describe('mcwg command line', () => {
  test('--help lists the commands, the exit codes and examples', async () => {
    const r = await runMcwg('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: mcwg/);
    expect(r.out).toMatch(/requirements/);
    expect(r.out).toMatch(/Exit codes: 0 all passed, 1 conformance failures found, 2 usage or input error, 3 internal error/);
  });

  test('--version prints the package version', async () => {
    const r = await runMcwg('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(toolVersion());
  });

  test('an unknown command is a usage error, exit 2', async () => {
    const r = await runMcwg('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
  });

  test('requirements filters by area and level', async () => {
    const r = await runMcwg('requirements', '--area', 'kin', '--level', 'SHOULD');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^KIN-\d{3}\s+SHOULD\s/);
  });

  test('requirements --format json carries the catalogue version and full entries', async () => {
    const r = await runMcwg('requirements', '--actor', 'wado-rs source', '--format', 'json');
    const doc = JSON.parse(r.out) as { catalogue: string; requirements: { id: string; actor: string; check: string }[] };
    expect(doc.catalogue).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.requirements.length).toBeGreaterThan(0);
    for (const req of doc.requirements) expect(req.actor.toLowerCase()).toContain('wado-rs source');
  });

  test('an unknown area is one line naming the option, exit 2, no stack', async () => {
    const r = await runMcwg('requirements', '--area', 'FOO');
    expect(r.code).toBe(2);
    expect(r.err).toBe('mcwg: --area FOO: unknown area (known: KOS, KIN, META, LINK, XDS, MHD, WADO, RIS, GW, IID, SEC, WIA)\n');
  });

  test('requirements --coverage shows rules and tests per requirement', async () => {
    const r = await runMcwg('requirements', '--coverage', '--area', 'KOS', '--format', 'json');
    const doc = JSON.parse(r.out) as { coverage: { id: string; rules: string[]; tests: string[] }[] };
    expect(doc.coverage[0]?.id).toBe('KOS-001');
    expect(Array.isArray(doc.coverage[0]?.rules)).toBe(true);
  });
});
