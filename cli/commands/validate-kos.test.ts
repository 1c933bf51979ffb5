import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { withChanges } from '../../fixtures/builders/kos-edit.ts';
import { conformantKin, conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { caseFiles, KOS_CASES } from '../../fixtures/kos/cases.ts';
import type { ValidationReport } from '../../model/validation.ts';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), 'mcwg-kos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const manifest = file('manifest.dcm', toBytes(conformantManifest()));
const kin = file('kin.dcm', toBytes(conformantKin()));

describe('mcwg validate kos', () => {
  test('a text file is valid:false with a finding, exit 1, in the DESIGN.md JSON shape', async () => {
    const txt = file('some.txt', 'just text\n');
    const io = capture();
    expect(await runCli(['validate', 'kos', txt, '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.stdout) as ValidationReport;
    expect(Object.keys(report)).toEqual(['tool', 'files']);
    expect(report.tool.name).toBe('mcwg-conformance');
    expect(report.files).toEqual([
      {
        path: txt,
        valid: false,
        findings: [
          expect.objectContaining({
            ruleId: 'kos.part10.structure',
            reqIds: ['KOS-002'],
            severity: 'error',
            location: { artefact: txt, path: '@0' },
          }),
        ],
      },
    ]);
  });

  test('a missing path exits 2 with one line and no stack', async () => {
    const io = capture();
    expect(await runCli(['validate', 'kos', join(dir, 'nope.dcm')], io)).toBe(2);
    expect(io.stderr.trim().split('\n')).toEqual([`mcwg: ${join(dir, 'nope.dcm')}: no such file or directory`]);
  });

  test('the conformant manifest and its KIN pass together, exit 0', async () => {
    const io = capture();
    expect(await runCli(['validate', 'kos', manifest, kin], io)).toBe(0);
    expect(io.stdout).toContain('2 file(s), 0 invalid');
  });

  test('cross-checks a manifest against a KIN that flags another image', async () => {
    const c = KOS_CASES.find((x) => x.name === 'kin-flags-more')!;
    const other = file('kin-more.dcm', caseFiles(c).kin);
    const io = capture();
    expect(await runCli(['validate', 'kos', manifest, other, '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.stdout) as ValidationReport;
    expect(report.files[0]!.findings.map((f) => [f.ruleId, f.location.path])).toContainEqual(['kos.kin.flags-match', c.path]);
  });

  test('walks a directory: empty, truncated, not DICOM and conformant files each get a result', async () => {
    const sub = join(dir, 'mixed');
    mkdirSync(join(sub, 'deeper'), { recursive: true });
    const bytes = toBytes(conformantManifest());
    writeFileSync(join(sub, 'empty.dcm'), '');
    writeFileSync(join(sub, 'deeper', 'cut.dcm'), bytes.subarray(0, 701));
    writeFileSync(join(sub, 'notes.txt'), 'hello');
    writeFileSync(join(sub, 'ok.dcm'), bytes);
    const io = capture();
    expect(await runCli(['validate', 'kos', sub, '--format', 'json'], io)).toBe(1);
    const files = (JSON.parse(io.stdout) as ValidationReport).files;
    expect(files.map((f) => [f.path.slice(sub.length + 1), f.valid])).toEqual([
      ['deeper/cut.dcm', false],
      ['empty.dcm', false],
      ['notes.txt', false],
      ['ok.dcm', true],
    ]);
    expect(files[0]!.findings[0]).toMatchObject({ ruleId: 'kos.part10.structure', location: { path: '@700' } });
  });

  test('reads a directory of 10,000 unreadable files without a crash', async () => {
    const big = join(dir, 'many');
    mkdirSync(big);
    for (let i = 0; i < 10_000; i++) writeFileSync(join(big, `f${i}.dcm`), i % 2 ? '' : 'x');
    const io = capture();
    expect(await runCli(['validate', 'kos', big, '--format', 'json'], io)).toBe(1);
    const files = (JSON.parse(io.stdout) as ValidationReport).files;
    expect(files).toHaveLength(10_000);
    expect(files.every((f) => !f.valid && f.findings.length === 1)).toBe(true);
  });

  test('--profile xds-i (or mcwg) applies the manifest rules whatever the title says; without it the title decides', async () => {
    // One change: the manifest's title becomes 113000 Of Interest (a key-image note's).
    const retitled = file(
      'retitled.dcm',
      toBytes(withChanges(conformantManifest(), { '(0040,A043)[0]>(0008,0100)': '113000', '(0040,A043)[0]>(0008,0104)': 'Of Interest' })),
    );
    const run = async (...args: string[]) => {
      const io = capture();
      const code = await runCli(['validate', 'kos', retitled, '--format', 'json', ...args], io);
      return { code, findings: (JSON.parse(io.stdout) as ValidationReport).files[0]!.findings };
    };
    for (const profile of ['xds-i', 'iod,xds-i']) {
      const r = await run('--profile', profile);
      expect(r.code).toBe(1);
      expect(r.findings.map((f) => [f.ruleId, f.location.path])).toEqual([['kos.title.manifest', '(0040,A043)']]);
    }
    const mcwg = await run('--profile', 'mcwg');
    expect(mcwg.findings.filter((f) => f.ruleId.startsWith('kos.kin') || f.ruleId.startsWith('kin.'))).toEqual([]);
    // Auto choice: a KOS titled 113000 is a key-image note; the manifest-only title rule does not run.
    const auto = await run();
    expect(auto.findings.map((f) => f.ruleId)).not.toContain('kos.title.manifest');
    // The conformant manifest stays clean under the named profiles.
    const io = capture();
    expect(await runCli(['validate', 'kos', manifest, '--profile', 'iod,xds-i,mcwg'], io)).toBe(0);
  });

  test('rejects an unknown profile as a usage error', async () => {
    const io = capture();
    expect(await runCli(['validate', 'kos', manifest, '--profile', 'nope'], io)).toBe(2);
    expect(io.stderr).toContain('--profile nope: unknown profile');
  });
});
