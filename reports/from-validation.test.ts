import { describe, expect, test } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { fileResult } from '../model/validation.ts';
import { validationToRun } from './from-validation.ts';
import { validateRun } from './validate-run.ts';

const f = (reqIds: string[], severity: Finding['severity'], artefact: string): Finding => ({
  ruleId: `r.${reqIds.join('.')}`,
  reqIds,
  severity,
  message: 'm',
  location: { artefact, path: '(0008,0016)' },
});

const report = {
  tool: { name: 'mcwg-conformance', version: '0.1.0' },
  files: [
    fileResult('a.dcm', [f(['KOS-022'], 'error', 'a.dcm'), f(['KOS-014'], 'warning', 'a.dcm')]),
    fileResult('b.dcm', [f(['KOS-014'], 'warning', 'b.dcm')]),
    fileResult('c.dcm', []),
  ],
};
const titles: Record<string, string> = { 'KOS-014': 'Evidence lists every referenced instance', 'KOS-022': 'Retrieve URL on every series' };
const opts = {
  kind: 'kos',
  catalogueVersion: '1.0.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:01.500Z',
  lookup: (id: string) => (titles[id] ? { title: titles[id], level: 'SHALL' as const } : undefined),
};

describe('validationToRun', () => {
  const run = validationToRun(report, opts);

  test('makes one test per file: fail when invalid, pass when valid', () => {
    expect(run.tests.map((t) => [t.id, t.state, t.reqIds])).toEqual([
      ['a.dcm', 'fail', ['KOS-014', 'KOS-022']],
      ['b.dcm', 'pass', ['KOS-014']],
      ['c.dcm', 'pass', []],
    ]);
    expect(run.state).toBe('fail');
    expect(run.counts).toEqual({ pass: 2, fail: 1, skip: 0, omit: 0, error: 0, wait: 0 });
    expect(run.durationMs).toBe(1500);
  });

  test('rolls requirements up from the findings, with titles from the lookup', () => {
    expect(run.requirements).toEqual([
      {
        id: 'KOS-014',
        title: 'Evidence lists every referenced instance',
        level: 'SHALL',
        state: 'pass',
        tests: ['a.dcm', 'b.dcm'],
        errors: 0,
        warnings: 2,
      },
      { id: 'KOS-022', title: 'Retrieve URL on every series', level: 'SHALL', state: 'fail', tests: ['a.dcm'], errors: 1, warnings: 0 },
    ]);
  });

  test('produces a run that passes the schema, also for an unknown ID and no files', () => {
    expect(validateRun(run)).toEqual({ valid: true, errors: [] });
    const odd = validationToRun({ ...report, files: [fileResult('x', [f(['NOPE-999'], 'error', 'x')])] }, opts);
    expect(odd.requirements[0]?.title).toBe('NOPE-999 (not in the catalogue)');
    expect(validateRun(odd).valid).toBe(true);
    expect(validateRun(validationToRun({ ...report, files: [] }, opts)).valid).toBe(true);
  });
});
