import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSutProfile, parseSutProfile } from './profile.ts';
import { ConfigError } from './yaml-config.ts';

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));

const problems = (text: string): string[] => {
  try {
    parseSutProfile(text, 'sut.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('SUT profiles', () => {
  test.each(readdirSync(TEMPLATES).filter((f) => f.endsWith('.yaml')))('template %s loads clean', (file) => {
    const p = loadSutProfile(join(TEMPLATES, file));
    expect(p.roles.length).toBeGreaterThan(0);
  });

  test('reads endpoints as URLs or host:port, AE titles, patient ID domains and options', () => {
    const p = parseSutProfile(
      'name: PACS\nroles: [Imaging Document Source]\noptions: [XDS-I.b]\nendpoints:\n  wadoRs: https://pacs.example/dicom-web\n  dimse: pacs.example:104\naeTitles:\n  sut: PACS_AE\npatientIdDomains:\n  - name: national\n    issuer: 1.2.250.1.213\n',
    );
    expect(p).toMatchObject({
      endpoints: { wadoRs: 'https://pacs.example/dicom-web', dimse: 'pacs.example:104' },
      aeTitles: { sut: 'PACS_AE' },
      patientIdDomains: [{ issuer: '1.2.250.1.213' }],
      options: ['XDS-I.b'],
    });
  });

  test('names the line and column of a bad value', () => {
    expect(problems('name: PACS\nroles: [Imaging Document Source]\nendpoints:\n  wadoRs: ftp://pacs/dicom-web\n')).toEqual([
      'sut.yaml:4:11: endpoints.wadoRs: must be a URL (http://, https://, mllp://, mllps://) or host:port',
    ]);
  });

  test('names the line and column of an unknown role, a bad issuer OID and a too-long AE title', () => {
    const out = problems(
      'name: PACS\nroles:\n  - Imaging Document Source\n  - Pacs Thing\naeTitles:\n  sut: THIS_AE_TITLE_IS_TOO_LONG\npatientIdDomains:\n  - name: n\n    issuer: not-an-oid\n',
    );
    expect(out.map((p) => p.split(': ').slice(0, 2).join(': '))).toEqual([
      'sut.yaml:4:5: roles.1',
      'sut.yaml:6:8: aeTitles.sut',
      'sut.yaml:9:13: patientIdDomains.0.issuer',
    ]);
  });

  test('a missing key points at its parent and an unknown key is named', () => {
    expect(problems('roles: [RIS]\nendpoint: {}\n')).toEqual([
      'sut.yaml:1:1: name: Invalid input: expected string, received undefined',
      'sut.yaml:2:1: endpoint: unknown key',
    ]);
  });

  test('YAML syntax errors carry line:column too', () => {
    expect(problems('name: PACS\nroles: [RIS\n')[0]).toMatch(/^sut\.yaml:\d+:\d+: /);
  });

  test('an unreadable file is a ConfigError naming it', () => {
    expect(() => loadSutProfile('/nonexistent/sut.yaml')).toThrow(/nonexistent\/sut\.yaml: cannot read \(ENOENT\)/);
  });
});

describe('deployment settings in the profile', () => {
  test('hl7 accession setting: defaults to OBR-18 as ST (v2.5.1); the deployment may choose another field and encoding', async () => {
    const { accessionOfProfile } = await import('./profile.ts');
    expect(accessionOfProfile(parseSutProfile('name: RIS\nroles: [RIS]\n'))).toEqual({ field: 'OBR-18', encoding: 'ST' });
    expect(accessionOfProfile(parseSutProfile('name: RIS\nroles: [RIS]\nhl7:\n  accessionField: OBR-3\n'))).toEqual({
      field: 'OBR-3',
      encoding: 'EI',
    });
    expect(
      accessionOfProfile(parseSutProfile('name: RIS\nroles: [RIS]\nhl7:\n  accessionEncoding: EI\n  accessionIssuerOid: 1.2.3.4\n')),
    ).toEqual({ field: 'OBR-18', encoding: 'EI', issuerOid: '1.2.3.4' });
    expect(problems('name: RIS\nroles: [RIS]\nhl7:\n  accessionField: OBR18\n')[0]).toMatch(
      /^sut\.yaml:4:\d+: hl7\.accessionField: must be a segment field/,
    );
  });

  test('a relative manifest.file is found next to the profile file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-profile-'));
    writeFileSync(join(dir, 'sut.yaml'), 'name: S\nroles: [WADO-RS Source]\nmanifest:\n  file: kos/manifest.dcm\n');
    expect(loadSutProfile(join(dir, 'sut.yaml')).manifest).toEqual({ file: join(dir, 'kos/manifest.dcm') });
  });

  test('manifest source: a file (relative to the profile) or a documentUniqueId, not both', () => {
    expect(problems('name: S\nroles: [WADO-RS Source]\nmanifest:\n  file: kos.dcm\n  documentUniqueId: 1.2.3\n')[0]).toMatch(
      /manifest: give either file or documentUniqueId/,
    );
    expect(
      parseSutProfile('name: S\nroles: [WADO-RS Source]\nmanifest:\n  documentUniqueId: 1.2.3\n  repositoryUniqueId: 1.2.3.4\n').manifest,
    ).toEqual({ documentUniqueId: '1.2.3', repositoryUniqueId: '1.2.3.4' });
  });
});
