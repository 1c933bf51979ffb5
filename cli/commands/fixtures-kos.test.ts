import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writePart10, type WDataSet } from '../../protocols/dicom/writer.ts';
import { validateKosSet } from '../../validators/kos/validate.ts';
import { kosFacts } from '../../validators/kos/facts.ts';
import { readKos } from '../../validators/kos/validate.ts';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-fkos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function image(series: number, n: number, frames?: number): WDataSet {
  const s = (vr: string, value: string) => ({ vr, value });
  const ds: WDataSet = {
    '(0008,0016)': s('UI', '1.2.840.10008.5.1.4.1.1.2'),
    '(0008,0018)': s('UI', `2.25.77${series}0${n}`),
    '(0008,0020)': s('DA', '20250310'),
    '(0008,0030)': s('TM', '091500'),
    '(0008,0050)': s('SH', 'ACC-1'),
    '(0008,0060)': s('CS', 'CT'),
    '(0008,0090)': s('PN', ''),
    '(0008,103E)': s('LO', `series ${series}`),
    '(0008,1030)': s('LO', 'CT test'),
    '(0010,0010)': s('PN', 'Test^Patient'),
    '(0010,0020)': s('LO', 'P1'),
    '(0010,0030)': s('DA', '19700101'),
    '(0010,0040)': s('CS', 'O'),
    '(0020,000D)': s('UI', '2.25.7700'),
    '(0020,000E)': s('UI', `2.25.77${series}`),
    '(0020,0010)': s('SH', '1'),
    '(0020,0011)': s('IS', String(series)),
    '(0020,0013)': s('IS', String(n)),
    '(7FE0,0010)': { vr: 'OW', value: new Uint8Array(64) },
  };
  if (frames) ds['(0028,0008)'] = s('IS', String(frames));
  return ds;
}

describe('mcwg fixtures kos', () => {
  test('builds a manifest and a KIN for a folder of DICOM files that validate clean together', async () => {
    const study = join(dir, 'study');
    mkdirSync(join(study, 's2'), { recursive: true });
    for (let n = 1; n <= 3; n++) writeFileSync(join(study, `1-${n}.dcm`), writePart10(image(1, n)));
    writeFileSync(join(study, 's2', 'mf.dcm'), writePart10(image(2, 1, 12)));
    writeFileSync(join(study, 'README'), 'not dicom');
    const out = join(dir, 'out', 'm.dcm');
    const io: Io & { o: string } = { o: '', isTty: false, debug: false, out: (t) => void (io.o += t), err: () => undefined };
    const args = [
      'fixtures',
      'kos',
      '--study',
      study,
      '--retrieve-url',
      'https://pacs.example/dicomweb',
      '--key-images',
      '2',
      '--out',
      out,
      '--patient-issuer-oid',
      '2.999.1',
      '--accession-issuer-oid',
      '2.999.2',
    ];
    expect(await runCli(args, io)).toBe(0);
    expect(existsSync(out.replace('.dcm', '-kin.dcm'))).toBe(true);
    const inputs = [out, out.replace('.dcm', '-kin.dcm')].map((p) => ({ artefact: p, bytes: readFileSync(p) }));
    expect(
      validateKosSet(inputs)
        .flatMap((r) => r.findings)
        .filter((f) => f.severity !== 'info'),
    ).toEqual([]);
    const facts = readKos(readFileSync(out), out).facts!;
    expect(facts.studyInstanceUid).toBe('2.25.7700');
    expect(facts.series.map((s) => s.instances.length)).toEqual([3, 1, 1]);
    expect(facts.series[0]!.retrieveUrl).toBe('https://pacs.example/dicomweb/studies/2.25.7700/series/2.25.771');
    expect(kosFacts).toBeTypeOf('function');
  });

  test('a folder without DICOM files is a usage error', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const io: Io & { e: string } = { e: '', isTty: false, debug: false, out: () => undefined, err: (t) => void (io.e += t) };
    expect(await runCli(['fixtures', 'kos', '--study', empty, '--retrieve-url', 'https://x.example/'], io)).toBe(2);
    expect(io.e).toContain('no DICOM instance found');
  });
});
