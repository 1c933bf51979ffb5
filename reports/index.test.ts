import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunModel } from '../model/run.ts';
import { FILE_REPORTERS, multiplex, writeFiles, writeReports } from './index.ts';
import { sampleRun } from './sample-run.ts';
import { validateRun } from './validate-run.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-reports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeReports', () => {
  test('writes run.json, junit.xml, report.html and summary.csv; run.json passes the schema', async () => {
    const out = join(root, 'all');
    const result = await writeReports(sampleRun(), out);
    expect(result.errors).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'run.json', 'summary.csv']);
    expect(validateRun(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')))).toEqual({ valid: true, errors: [] });
  });

  test('writes only the formats asked for', async () => {
    const out = join(root, 'some');
    const result = await writeReports(sampleRun(), out, { formats: ['junit', 'csv'] });
    expect(result.written.map((p) => p.slice(out.length + 1))).toEqual(['junit.xml', 'summary.csv']);
  });

  test("passes the failed exchanges' excerpts to report.html", async () => {
    const out = join(root, 'excerpts');
    const body = { line: 'HTTP 500', contentType: 'text/plain', size: 4, text: 'oops', more: 0 };
    const excerpts = {
      'ex-0002': { id: 'ex-0002', transaction: 'RAD-68', from: 'sut', to: 'us', error: null, request: body, response: null },
    };
    await writeReports(sampleRun(), out, { formats: ['html'], excerpts });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<pre class="body">oops</pre>');
  });

  test('keeps writing the other reports when one reporter throws, and lists its error', async () => {
    const out = join(root, 'broken');
    const broken = {
      format: 'broken',
      file: 'broken.txt',
      render: () => {
        throw new Error('template exploded');
      },
    };
    const result = await writeFiles(sampleRun(), out, [broken, ...FILE_REPORTERS]);
    expect(result.errors).toEqual(['broken.txt: template exploded']);
    expect(result.written).toHaveLength(4);
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'run.json', 'summary.csv']);
  });

  test('writes nothing for a run that fails the schema, and names the problem', async () => {
    const out = join(root, 'invalid');
    const run = { ...sampleRun(), state: 'passed' } as unknown as RunModel;
    const result = await writeReports(run, out);
    expect(result.written).toEqual([]);
    expect(result.errors[0]).toMatch(/^run\.json: schema: \/state must be equal to one of the allowed values/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('multiplex', () => {
  test('calls every hook that is defined and isolates one that throws', async () => {
    const seen: string[] = [];
    const hooks = multiplex([
      {
        onTestEnd: () => {
          throw new Error('boom');
        },
      },
      {
        onRunBegin: (plan) => seen.push(`begin ${plan.id}`),
        onTestEnd: (t) => seen.push(`test ${t.id}`),
        onRunEnd: async (r) => {
          seen.push(`end ${r.state}`);
        },
      },
      {},
    ]);
    const run = sampleRun();
    hooks.onRunBegin(run.plan, run.sut);
    hooks.onTestEnd(run.tests[0]!);
    await hooks.onRunEnd(run);
    expect(seen).toEqual(['begin xdsi-source', 'test kos.manifest-title', 'end wait']);
    expect(hooks.errors).toEqual(['reporter 0: boom']);
  });
});
