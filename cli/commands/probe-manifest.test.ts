import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { kosFromFolder } from '../../fixtures/builders/kos-from-folder.ts';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { ValidationReport } from '../../model/validation.ts';
import { startWadoRs, type WadoRsSimulator } from '../../simulators/wado-rs/index.ts';
import { runMcwg } from '../test-io.ts';

let dir: string;
let sim: WadoRsSimulator;
let kos: string;
let elsewhere: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-probe-kos-'));
  await buildStudy(join(dir, 'study'), { instances: 3, series: 2, rows: 16, columns: 16, seed: 'probe-kos' });
  sim = await startWadoRs({ dataDir: join(dir, 'study') });
  kos = join(dir, 'kos.dcm');
  await writeFile(kos, kosFromFolder(join(dir, 'study'), { retrieveUrl: sim.base }).manifest);
  // Retrieve URLs naming a source that is not there.
  elsewhere = join(dir, 'elsewhere.dcm');
  await writeFile(elsewhere, kosFromFolder(join(dir, 'study'), { retrieveUrl: 'http://127.0.0.1:1/dicom-web' }).manifest);
});
afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('mcwg probe wado-rs URL --manifest FILE', () => {
  test('a conformant source: every retrieve VALID, exit 0', async () => {
    const r = await runMcwg('probe', 'wado-rs', sim.base, '--manifest', kos);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`VALID   ${kos}`);
    expect(lines.filter((l) => l.startsWith(`VALID   GET ${sim.base}/studies/`))).toHaveLength(1 + 2 + 2);
    expect(lines.at(-1)).toBe('6 file(s), 0 invalid');
  });

  test('--retrieve-urls goes where the manifest says; unreachable series are errors, exit 1, json like validate', async () => {
    const r = await runMcwg(
      'probe',
      'wado-rs',
      sim.base,
      '--manifest',
      elsewhere,
      '--retrieve-urls',
      '--timeout',
      '5000',
      '--format',
      'json',
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as ValidationReport;
    expect(report.files[0]).toMatchObject({ path: elsewhere, valid: true });
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toEqual(['wado.retrieve-url.base', 'wado.retrieve-url.base']);
    expect(report.files[1]).toMatchObject({ path: expect.stringMatching(new RegExp(`^GET ${sim.base}/studies/`)), valid: true });
    const series = report.files.slice(2);
    expect(series.length).toBe(4);
    for (const f of series) {
      expect(f.path).toMatch(/^GET http:\/\/127\.0\.0\.1:1\/dicom-web\/studies\//);
      expect(f).toMatchObject({ valid: false, findings: [{ ruleId: 'wado.transport', severity: 'error' }] });
    }
  });

  test('errors from the source make exit 1 in the default mode too', async () => {
    sim.setFaults({ outage: true });
    try {
      const r = await runMcwg('probe', 'wado-rs', sim.base, '--manifest', kos);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^INVALID GET .*\n {2}error {3}WADO-001,WADO-010 HTTP status: expected 200/m);
    } finally {
      sim.setFaults({});
    }
  });

  test('usage errors: neither or both of --study/--manifest, a missing file, --study with junit', async () => {
    expect(await runMcwg('probe', 'wado-rs', sim.base)).toMatchObject({
      code: 2,
      err: 'mcwg: probe wado-rs needs one of --study UID or --manifest FILE\n',
    });
    expect((await runMcwg('probe', 'wado-rs', sim.base, '--study', '1.2.3', '--manifest', kos)).code).toBe(2);
    expect(await runMcwg('probe', 'wado-rs', sim.base, '--manifest', join(dir, 'nope.dcm'))).toMatchObject({
      code: 2,
      err: `mcwg: --manifest ${join(dir, 'nope.dcm')}: ENOENT\n`,
    });
    expect((await runMcwg('probe', 'wado-rs', sim.base, '--study', '1.2.3', '--format', 'junit')).code).toBe(2);
  });

  test('a file that is not a KOS is reported INVALID, nothing retrieved', async () => {
    const junk = join(dir, 'junk.dcm');
    await writeFile(junk, 'not dicom at all');
    const r = await runMcwg('probe', 'wado-rs', sim.base, '--manifest', junk);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^INVALID ${junk}\n`));
    expect(r.out).not.toContain('GET ');
  });
});
