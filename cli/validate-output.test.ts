import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { fileResult } from '../model/validation.ts';
import { validateRun } from '../reports/validate-run.ts';
import type { Io } from './io.ts';
import { emitValidation, validationReport } from './validate-output.ts';
import { validationRun } from './validation-run.ts';

function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

const finding: Finding = {
  ruleId: 'kos.retrieve-url',
  reqIds: ['KOS-022'],
  severity: 'error',
  message: 'Retrieve URL missing <script>alert(1)</script>',
  location: { artefact: 'bad.dcm', path: '(0008,1190)' },
};
const files = [fileResult('bad.dcm', [finding]), fileResult('good.dcm', [])];
const dir = mkdtempSync(join(tmpdir(), 'mcwg-validate-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate --format junit|html', () => {
  test('junit: one testcase per file, the invalid one failing with its finding; exit 1', async () => {
    const io = captureIo();
    const code = await emitValidation(io, 'kos', files, { format: 'junit' });
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(io.stdout).toContain('<testsuite name="kos"');
    expect(io.stdout).toContain('tests="2" failures="1" errors="0" skipped="0"');
    expect(io.stdout).toContain('<testcase name="KOS-022 bad.dcm" classname="validate-kos.kos"');
    expect(io.stdout).toContain('error KOS-022 bad.dcm (0008,1190): Retrieve URL missing &lt;script&gt;');
    expect(io.stdout).toContain('<testcase name="good.dcm"');
  });

  test('html: written with --out, self-contained, the finding escaped; exit 0 when all files are valid', async () => {
    const io = captureIo();
    const out = join(dir, 'report.html');
    expect(await emitValidation(io, 'kos', files, { format: 'html', out })).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe(`wrote ${out}\n`);
    expect(html).toContain('Retrieve URL missing &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Retrieve URL on every series');
    expect(await emitValidation(captureIo(), 'kos', [fileResult('good.dcm', [])], { format: 'html' })).toBe(0);
  });

  test('the run behind both passes the schema and takes requirement titles from the catalogue', () => {
    const run = validationRun('kos', validationReport(files), '2026-01-01T00:00:00.000Z');
    expect(validateRun(run)).toEqual({ valid: true, errors: [] });
    expect(run.requirements).toEqual([
      expect.objectContaining({
        id: 'KOS-022',
        title: 'Retrieve URL on every series',
        level: 'SHALL',
        state: 'fail',
        tests: ['bad.dcm'],
        errors: 1,
      }),
    ]);
    expect(run.startedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});
