import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { kosSubmissionMtom } from '../../fixtures/builders/ebrim-kos-submission.ts';
import { conformantSubmission } from '../../fixtures/builders/ebrim-submission.ts';
import { conformantProvideBundle } from '../../fixtures/builders/mhd-bundle.ts';
import type { ValidationReport } from '../../model/validation.ts';
import { writeSubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
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
const dir = mkdtempSync(join(tmpdir(), 'mcwg-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('mcwg validate metadata', () => {
  test('validates XML and JSON files in one run, listing preset overrides', async () => {
    const xml = file('sor.xml', writeSubmitObjectsRequest(conformantSubmission()));
    const json = file('bundle.json', JSON.stringify(conformantProvideBundle()));
    const io = capture();
    expect(await runCli(['validate', 'metadata', xml, json, '--format', 'json'], io)).toBe(0);
    const report = JSON.parse(io.stdout) as ValidationReport;
    expect(report.files.map((f) => f.valid)).toEqual([true, true]);
    expect(report.files[0]!.findings.filter((f) => f.ruleId === 'preset.override').map((f) => f.message)).toContain(
      'preset mcwg: severity of mcwg.title.summary set to warning',
    );
  });

  test('a billion-laughs file is invalid with one finding, exit 1', async () => {
    const bad = file('lol.xml', '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><l>&b;</l>');
    const io = capture();
    expect(await runCli(['validate', 'metadata', bad, '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.stdout) as ValidationReport;
    expect(report.files[0]!.findings.filter((f) => f.severity === 'error')).toMatchObject([
      { ruleId: 'metadata.parse.doctype', location: { artefact: bad, path: '/' } },
    ]);
  });

  test('an unknown preset is a usage error (exit 2)', async () => {
    const io = capture();
    expect(await runCli(['validate', 'metadata', file('x.xml', '<a/>'), '--preset', 'nowhere'], io)).toBe(2);
  });
});

describe('mcwg validate submission', () => {
  test('a conformant MTOM RAD-68 message exits 0', async () => {
    const { bytes } = await kosSubmissionMtom();
    const io = capture();
    expect(await runCli(['validate', 'submission', file('pnr.mime', bytes)], io)).toBe(0);
    expect(io.stdout).toContain('VALID   ');
  });
});

describe('mcwg validate submission from disk', () => {
  test('a truncated MTOM file streamed from disk is one finding, exit 1', async () => {
    const { bytes } = await kosSubmissionMtom();
    const p = file('cut.mime', bytes.subarray(0, bytes.length - 300));
    const io = capture();
    expect(await runCli(['validate', 'submission', p, '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.stdout) as ValidationReport;
    expect(report.files[0]!.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['submission.mtom.malformed']);
  });

  test('a missing file is a usage error', async () => {
    expect(await runCli(['validate', 'submission', join(dir, 'nope.xml')], capture())).toBe(2);
  });
});
