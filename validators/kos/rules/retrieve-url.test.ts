import { describe, expect, test } from 'vitest';
import { withChanges } from '../../../fixtures/builders/kos-edit.ts';
import { conformantManifest, toBytes } from '../../../fixtures/builders/kos-fixtures.ts';
import { validateKos } from '../validate.ts';

const URL_PATH = '(0040,A375)[0]>(0008,1115)[0]>(0008,1190)';
const STUDY = '2.25.100000000000000000000000000000000001';
const SERIES = '2.25.200000000000000000000000000000000001';

function retrieveUrlFindings(url: string, allowLoopbackHttp: boolean) {
  const bytes = toBytes(withChanges(conformantManifest(), { [URL_PATH]: url }));
  return validateKos(bytes, { artefact: 'm.dcm', allowLoopbackHttp }).filter((f) => f.ruleId === 'kos.retrieve.url');
}

describe('kos.retrieve.url and local test set-ups (KOS-022)', () => {
  const loopback = `http://127.0.0.1:8080/dicom-web/studies/${STUDY}/series/${SERIES}`;

  test('plain http on loopback is an error by default', () => {
    expect(retrieveUrlFindings(loopback, false)).toMatchObject([{ severity: 'error', reqIds: ['KOS-022'], location: { path: URL_PATH } }]);
  });

  test('plain http on loopback is a visible warning for a declared local test set-up', () => {
    expect(retrieveUrlFindings(loopback, true)).toMatchObject([
      { severity: 'warning', message: expect.stringMatching(/plain http on loopback/), location: { path: URL_PATH } },
    ]);
  });

  test('plain http to any other host stays an error even for a local test set-up', () => {
    const remote = `http://pacs.hospital-a.example/dicom-web/studies/${STUDY}/series/${SERIES}`;
    expect(retrieveUrlFindings(remote, true)).toMatchObject([{ severity: 'error', location: { path: URL_PATH } }]);
  });

  test('a loopback URL with the wrong tail is still an error for a local test set-up', () => {
    expect(retrieveUrlFindings('http://127.0.0.1:8080/dicom-web', true).map((f) => f.severity)).toEqual(['warning', 'error']);
  });
});
