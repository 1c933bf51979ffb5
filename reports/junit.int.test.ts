// Second opinion on junit.xml: libxml2's xmllint against the JUnit XSD.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { peerAvailable } from '../fixtures/peers.ts';
import type { RunModel } from '../model/run.ts';
import { fileResult } from '../model/validation.ts';
import { validationToRun } from './from-validation.ts';
import { renderJunit } from './junit.ts';
import { HOSTILE, sampleRun } from './sample-run.ts';

const XSD = fileURLToPath(new URL('./schema/junit.xsd', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcwg-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(name: string, xml: string): { status: number | null; stderr: string } {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function only(state: RunModel['state']): RunModel {
  const run = sampleRun();
  run.tests = run.tests.filter((t) => t.state === state);
  return run;
}

const RUNS: Record<string, RunModel> = {
  sample: sampleRun(),
  pass: only('pass'),
  fail: only('fail'),
  error: only('error'),
  skip: only('skip'),
  empty: { ...sampleRun(), tests: [] },
  validation: validationToRun(
    {
      tool: { name: 'mcwg-conformance', version: '0.1.0' },
      files: [fileResult('a.dcm', sampleRun().tests[1]!.findings), fileResult('b.dcm', [])],
    },
    { kind: 'kos', catalogueVersion: '1.0.0', lookup: () => undefined, startedAt: 'not a date', endedAt: 'not a date' },
  ),
  hostile: (() => {
    const run = sampleRun();
    for (const t of run.tests) {
      t.title = HOSTILE;
      t.message = HOSTILE;
      t.group = `${HOSTILE} ]]> --`;
    }
    run.plan.title = HOSTILE;
    run.sut.name = HOSTILE;
    return run;
  })(),
};

describe.skipIf(!peerAvailable('xmllint'))('junit.xml against the JUnit XSD (xmllint)', () => {
  test('the XSD itself is a well-formed schema that rejects a testcase without a name', () => {
    execFileSync('xmllint', ['--noout', XSD]);
    const bad = xmllint('bad', '<?xml version="1.0"?><testsuites><testsuite name="s"><testcase classname="c"/></testsuite></testsuites>');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("attribute 'name' is required");
  });

  test.each(Object.keys(RUNS))('the %s run validates', (name) => {
    const r = xmllint(name, renderJunit(RUNS[name]!));
    expect(r.stderr).toContain('validates');
    expect(r.status).toBe(0);
  });
});
