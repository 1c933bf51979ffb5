import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exampleStudy } from '../../fixtures/builders/kos-example.ts';
import { conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { startRis, type RisSimulator } from '../../simulators/ris/server.ts';
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

const dir = mkdtempSync(join(tmpdir(), 'mcwg-hl7-'));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

/** The ORU fixture re-keyed to the worked KOS example's identifiers. */
function oruForExample(): string {
  const s = exampleStudy();
  let m = oruR01();
  m = withField(m, 'PID-3[1].1', s.patient.id);
  m = withField(m, 'PID-3[1].4.2', s.patient.issuerOid);
  m = withField(m, 'OBR-2.1', s.placerOrder!.id);
  m = withField(m, 'OBR-18.1', s.accession!.id);
  m = withField(m, 'OBR-18.3', s.accession!.issuerOid);
  return withField(m, 'ZDS-1.1', s.studyInstanceUid);
}

describe('mcwg validate hl7', () => {
  test('exits 0 for a conformant ORU and 1 for a broken one, naming field and rule', async () => {
    const io = capture();
    const code = await runCli(['validate', 'hl7', file('ok.hl7', oruR01()), file('bad.hl7', withField(oruR01(), 'PID-3[2].4.2', ''))], io);
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/VALID {3}.*ok\.hl7/);
    expect(io.stdout).toMatch(/PID-3\[2\]\.4\.2: .*\[hl7\.datatype\.cx\]/);
  });

  test('writes the JSON contract', async () => {
    const io = capture();
    await runCli(['validate', 'hl7', file('j.hl7', withField(oruR01(), 'OBR-25', '')), '--format', 'json'], io);
    const json = JSON.parse(io.stdout);
    expect(json.files[0]).toMatchObject({
      valid: false,
      findings: [{ ruleId: 'hl7.report.result-status', reqIds: ['RIS-004', 'RIS-009'], location: { path: 'OBR-25' } }],
    });
  });

  test('checks linkage against a real KOS manifest with --manifest', async () => {
    const kos = file('kos.dcm', toBytes(conformantManifest()));
    const linked = capture();
    expect(await runCli(['validate', 'hl7', file('linked.hl7', oruForExample()), '--manifest', kos], linked)).toBe(0);
    const unlinked = capture();
    expect(await runCli(['validate', 'hl7', file('unlinked.hl7', oruR01()), '--manifest', kos, '--format', 'json'], unlinked)).toBe(1);
    const ids = JSON.parse(unlinked.stdout)
      .files[0].findings.map((f: { ruleId: string }) => f.ruleId)
      .sort();
    expect(ids).toEqual(['link.accession', 'link.order', 'link.patient', 'link.study-uid']);
  });

  test('LF segment ends in a file are an error (RIS-001): exit 1', async () => {
    const io = capture();
    expect(await runCli(['validate', 'hl7', file('lf.hl7', oruR01().replace(/\r/g, '\n')), '--format', 'json'], io)).toBe(1);
    expect(JSON.parse(io.stdout).files[0].findings).toMatchObject([
      { ruleId: 'hl7.framing.segment-terminator', severity: 'error', location: { path: 'MSH' } },
    ]);
  });

  test('the accession setting comes from the SUT profile (--sut), as `mcwg run` reads it; flags override', async () => {
    const ei = file('ei.yaml', 'name: RIS\nroles: [RIS]\nhl7:\n  accessionField: OBR-18\n  accessionEncoding: EI\n');
    const numberOnly = file('st.hl7', withField(oruR01(), 'OBR-18', 'ACC001'));
    expect(await runCli(['validate', 'hl7', numberOnly], capture())).toBe(0);
    const strict = capture();
    expect(await runCli(['validate', 'hl7', numberOnly, '--sut', ei, '--format', 'json'], strict)).toBe(1);
    expect(JSON.parse(strict.stdout).files[0].findings).toMatchObject([{ ruleId: 'hl7.report.accession', location: { path: 'OBR-18.3' } }]);
    expect(await runCli(['validate', 'hl7', numberOnly, '--sut', ei, '--accession-encoding', 'ST'], capture())).toBe(0);
    const filler = file('filler.yaml', 'name: RIS\nroles: [RIS]\nhl7:\n  accessionField: OBR-3\n');
    expect(await runCli(['validate', 'hl7', file('no18.hl7', withField(oruR01(), 'OBR-18', '')), '--sut', filler], capture())).toBe(0);
  });

  test('exits 2 for a malformed --accession-field or an unreadable --sut', async () => {
    const bad = capture();
    expect(await runCli(['validate', 'hl7', file('f.hl7', oruR01()), '--accession-field', 'OBR18'], bad)).toBe(2);
    expect(bad.stderr).toMatch(/--accession-field OBR18: must be a segment field/);
    expect(await runCli(['validate', 'hl7', file('g.hl7', oruR01()), '--sut', join(dir, 'missing.yaml')], capture())).toBe(2);
  });

  test('exits 2 for a manifest that is not DICOM', async () => {
    const io = capture();
    expect(await runCli(['validate', 'hl7', file('a.hl7', oruR01()), '--manifest', file('x.dcm', 'nope')], io)).toBe(2);
    expect(io.stderr).toMatch(/--manifest/);
  });
});

describe('mcwg send hl7', () => {
  let ris: RisSimulator;
  beforeAll(async () => {
    ris = await startRis({ port: 0 });
  });
  afterAll(() => ris.stop());

  test('prints the ACK and exits 0 on AA', async () => {
    const io = capture();
    expect(await runCli(['send', 'hl7', file('s.hl7', oruR01().replace(/\r/g, '\n')), '--to', `127.0.0.1:${ris.port}`], io)).toBe(0);
    expect(io.stdout).toContain('MSA|AA|MSG0001');
  });

  test('exits 1 and explains when the ACK is AE', async () => {
    const io = capture();
    expect(await runCli(['send', 'hl7', file('e.hl7', withField(oruR01(), 'OBR-4', '')), '--to', `127.0.0.1:${ris.port}`], io)).toBe(1);
    expect(io.stderr).toMatch(/ACK AE .*OBR-4/);
  });

  test('exits 2 for a malformed --to', async () => {
    expect(await runCli(['send', 'hl7', file('t.hl7', oruR01()), '--to', 'nowhere'], capture())).toBe(2);
  });
});
