// WIA facade core: QIDO-RS answers come from the registry entries and KOS manifests
// (WIA-002..004), only for one patient (WIA-006); WADO-RS goes to the manifest's source (WIA-005).
import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { DE, STATUS, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import type { ManifestFacts } from '../../validators/manifest-facts.ts';
import { proxyTarget } from './proxy.ts';
import { wiaRecords } from './records.ts';
import { answerQido } from './qido.ts';
import { indexStudies, type WiaOptions, type WiaRecord } from './studies.ts';

const BASE = 'https://wia.example.org/dicom-web';
const SOURCE = 'https://pacs-a.example.org/dicom-web';
const STUDY2 = '1.2.826.0.1.3680043.10.1.8';
const SE1 = `${FIXTURE.studyUid}.1`;
const SE2 = `${FIXTURE.studyUid}.2`;

function facts(over: Partial<ManifestFacts> = {}): ManifestFacts {
  return {
    sopInstanceUid: FIXTURE.kosUid,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
    patient: { id: 'PAT-0001', issuerOid: '1.2.3.4.5.6.2', issuerOidType: 'ISO' },
    otherPatientIds: [],
    studyInstanceUid: FIXTURE.studyUid,
    studyDate: FIXTURE.studyDate,
    studyTime: FIXTURE.studyTime,
    studyDescription: 'CT THORAX WITH CONTRAST',
    patientName: 'DOE^JANE',
    patientBirthDate: '19640812',
    patientSex: 'F',
    accessionNumber: FIXTURE.accession,
    accessionIssuerOid: FIXTURE.accessionIssuer,
    placerOrderNumbers: [],
    fillerOrderNumbers: [],
    requestedProcedureIds: [],
    procedureCodes: [],
    modalities: ['CT', 'KO'],
    series: [
      {
        seriesInstanceUid: SE1,
        retrieveUrl: `${SOURCE}/studies/${FIXTURE.studyUid}/series/${SE1}`,
        instances: [
          { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `${SE1}.1` },
          { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `${SE1}.2` },
        ],
      },
      {
        seriesInstanceUid: SE2,
        retrieveUrl: `${SOURCE}/studies/${FIXTURE.studyUid}/series/${SE2}`,
        instances: [{ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `${SE2}.1` }],
      },
    ],
    ...over,
  };
}

function record(change?: (de: DocumentEntry, f: ManifestFacts) => void, over: Partial<ManifestFacts> = {}): WiaRecord {
  const entry = conformantDocumentEntry();
  const manifest = facts(over);
  change?.(entry, manifest);
  return { entry, manifest };
}

const OPTS: WiaOptions = { baseUrl: BASE };
const q = (s: string) => new URLSearchParams(s);
const index = (...rs: WiaRecord[]) => indexStudies(rs, OPTS);
const val = (row: Record<string, { Value?: unknown[] }> | undefined, tag: string) => row?.[tag]?.Value;

describe('QIDO-RS studies (WIA-002, WIA-003)', () => {
  test('answers a patient query with the manifest and registry values', () => {
    const r = answerQido('/studies', q('PatientID=PAT-0001'), index(record()), OPTS);
    expect(r.ok).toBe(true);
    const row = r.ok ? r.body[0] : undefined;
    expect(r.ok && r.body.length).toBe(1);
    expect([
      val(row, '0020000D'),
      val(row, '00080020'),
      val(row, '00080030'),
      val(row, '00080050'),
      val(row, '00080061'),
      val(row, '00081030'),
      val(row, '00100020'),
      val(row, '00100010'),
      val(row, '00201206'),
      val(row, '00201208'),
      val(row, '00081190'),
    ]).toEqual([
      [FIXTURE.studyUid],
      [FIXTURE.studyDate],
      [FIXTURE.studyTime],
      [FIXTURE.accession],
      ['CT', 'KO'],
      ['CT THORAX WITH CONTRAST'],
      ['PAT-0001'],
      [{ Alphabetic: 'DOE^JANE' }],
      [2],
      [3],
      [`${BASE}/studies/${FIXTURE.studyUid}`],
    ]);
    expect(val(val(row, '00100024')?.[0] as Record<string, { Value?: unknown[] }>, '00400032')).toEqual(['1.2.3.4.5.6.2']);
  });
  test('Procedure Code Sequence is the eventCodeList procedure with its display name, not typeCode (WIA-003)', () => {
    const r = answerQido('/studies', q('PatientID=PAT-0001'), index(record()), OPTS);
    const seq = r.ok ? (val(r.body[0], '00081032') as Record<string, { Value?: unknown[] }>[]) : [];
    expect(seq.map((i) => [val(i, '00080100')?.[0], val(i, '00080102')?.[0], val(i, '00080104')?.[0]])).toEqual([
      ['CT-THORAX', '2.999.1.1', 'CT Thorax'],
    ]);
    expect(JSON.stringify(r)).not.toContain('18748-4');
  });
  test('a configured procedure scheme picks only its codes', () => {
    const o = { ...OPTS, procedureSchemes: ['9.9.9'] };
    const r = answerQido('/studies', q('PatientID=PAT-0001'), indexStudies([record()], o), o);
    expect(r.ok && val(r.body[0], '00081032')).toEqual([]);
  });
  test('falls back to registry metadata where the manifest is silent', () => {
    const r = answerQido(
      '/studies',
      q('PatientID=PAT-0001'),
      index(record(undefined, { studyDate: '', studyTime: '', accessionNumber: '', studyDescription: '' })),
      OPTS,
    );
    const row = r.ok ? r.body[0] : undefined;
    expect([val(row, '00080020'), val(row, '00080030'), val(row, '00080050'), val(row, '00081030')]).toEqual([
      ['20240315'],
      ['101500'],
      [FIXTURE.accession],
      [FIXTURE.title],
    ]);
  });
  test('leaves out deprecated manifests and merges two manifests of one study', () => {
    const old = record(
      (de) => {
        de.status = STATUS.deprecated;
      },
      { studyInstanceUid: STUDY2 },
    );
    const second = record(undefined, {
      series: [{ seriesInstanceUid: `${FIXTURE.studyUid}.3`, instances: [{ sopClassUid: '1.2', sopInstanceUid: '1.2.3.4' }] }],
    });
    const r = answerQido('/studies', q('PatientID=PAT-0001'), index(record(), old, second), OPTS);
    expect(r.ok && r.body.map((b) => [val(b, '0020000D'), val(b, '00201206')])).toEqual([[[FIXTURE.studyUid], [3]]]);
  });
  test.each([
    ['StudyDate=20240301-20240331', 1],
    ['StudyDate=20240316-', 0],
    ['ModalitiesInStudy=CT', 1],
    ['ModalitiesInStudy=MR', 0],
    [`StudyInstanceUID=${STUDY2},${FIXTURE.studyUid}`, 1],
    ['AccessionNumber=OTHER', 0],
    ['limit=0', 0],
    ['offset=1', 0],
  ])('matches %s', (filter, n) => {
    const r = answerQido('/studies', q(`PatientID=PAT-0001&${filter}`), index(record()), OPTS);
    expect(r.ok && r.body.length).toBe(n);
  });
  test('an unsupported key is ignored with a Warning, not an error', () => {
    const r = answerQido('/studies', q('PatientID=PAT-0001&ReferringPhysicianName=X'), index(record()), OPTS);
    expect(r.ok && [r.body.length, r.warnings]).toEqual([1, [expect.stringMatching(/^299 .*ReferringPhysicianName/)]]);
  });
  test.each([
    ['StudyInstanceUID=1.02.3', 400],
    ['StudyDate=March', 400],
    ['limit=-1', 400],
  ])('refuses malformed %s with %i', (filter, status) => {
    const r = answerQido('/studies', q(`PatientID=PAT-0001&${filter}`), index(record()), OPTS);
    expect(!r.ok && r.error.status).toBe(status);
  });
});

describe('patient scope (WIA-006)', () => {
  const other = record(
    (de) => {
      de.externalIdentifiers.find((x) => x.scheme === DE.patientId)!.value = 'PAT-0001^^^&9.9.9&ISO';
    },
    { studyInstanceUid: STUDY2 },
  );
  test.each([
    ['/studies', ''],
    ['/studies', 'PatientID=*'],
    ['/studies', 'PatientID=PAT-0001,PAT-0002'],
    ['/studies', 'PatientID=PAT-0001&PatientID=PAT-0002'],
    ['/studies', 'PatientID='],
    ['/series', 'Modality=CT'],
    ['/studies', 'StudyDate=20240315'],
  ])('refuses %s?%s with 400', (path, query) => {
    const r = answerQido(path, q(query), index(record()), OPTS);
    expect(r.ok ? 200 : [r.error.status, /one patient/.test(r.error.message)]).toEqual([400, true]);
  });
  test('refuses a PatientID known under two issuers unless the issuer is given', () => {
    const idx = index(record(), other);
    const r = answerQido('/studies', q('PatientID=PAT-0001'), idx, OPTS);
    expect(!r.ok && r.error.message).toMatch(/2 issuers/);
    const scoped = answerQido('/studies', q('PatientID=PAT-0001&00100024.00400032=9.9.9'), idx, OPTS);
    expect(scoped.ok && scoped.body.map((b) => val(b, '0020000D'))).toEqual([[STUDY2]]);
  });
  test('an unknown patient gets 200 with an empty array', () => {
    const r = answerQido('/studies', q('PatientID=NOBODY'), index(record()), OPTS);
    expect(r.ok && r.body).toEqual([]);
  });
});

describe('QIDO-RS series and instances (WIA-004)', () => {
  test('series of a study come from the manifest series items', () => {
    const r = answerQido(`/studies/${FIXTURE.studyUid}/series`, q(''), index(record()), OPTS);
    expect(r.ok && r.body.map((b) => [val(b, '0020000E'), val(b, '00080060'), val(b, '00201209'), val(b, '00081190')])).toEqual([
      [[SE1], ['CT'], [2], [`${BASE}/studies/${FIXTURE.studyUid}/series/${SE1}`]],
      [[SE2], ['CT'], [1], [`${BASE}/studies/${FIXTURE.studyUid}/series/${SE2}`]],
    ]);
  });
  test('series extras known to the deployment fill description and number; modality filter applies', () => {
    const o: WiaOptions = { ...OPTS, seriesExtras: { [SE2]: { modality: 'SR', description: 'Dose report', number: 999 } } };
    const r = answerQido(`/studies/${FIXTURE.studyUid}/series`, q('Modality=SR'), indexStudies([record()], o), o);
    expect(r.ok && r.body.map((b) => [val(b, '0020000E'), val(b, '0008103E'), val(b, '00200011')])).toEqual([
      [[SE2], ['Dose report'], [999]],
    ]);
  });
  test('a study with two imaging modalities leaves series Modality empty rather than guess', () => {
    const r = answerQido(`/studies/${FIXTURE.studyUid}/series`, q(''), index(record(undefined, { modalities: ['CT', 'PT'] })), OPTS);
    expect(r.ok && r.body.map((b) => b['00080060'])).toEqual([{ vr: 'CS' }, { vr: 'CS' }]);
  });
  test('instances of a series', () => {
    const r = answerQido(`/studies/${FIXTURE.studyUid}/series/${SE1}/instances`, q(''), index(record()), OPTS);
    expect(r.ok && r.body.map((b) => val(b, '00080018'))).toEqual([[`${SE1}.1`], [`${SE1}.2`]]);
  });
  test.each([
    ['/studies/1.02/series', 400],
    ['/patients', 404],
    [`/studies/${FIXTURE.studyUid}/series/x/instances`, 400],
  ])('%s gives %i', (path, status) => {
    const r = answerQido(path, q('PatientID=PAT-0001'), index(record()), OPTS);
    expect(!r.ok && r.error.status).toBe(status);
  });
});

describe('WADO-RS proxy target (WIA-005)', () => {
  test('a series goes to the source of its Retrieve URL, sub-resource kept', () => {
    expect(proxyTarget(`/studies/${FIXTURE.studyUid}/series/${SE1}/instances/${SE1}.1/frames/1`, index(record()))).toEqual({
      ok: true,
      targets: [{ url: `${SOURCE}/studies/${FIXTURE.studyUid}/series/${SE1}/instances/${SE1}.1/frames/1`, seriesUids: [SE1] }],
    });
  });
  test('a study on one source is forwarded whole', () => {
    const p = proxyTarget(`/studies/${FIXTURE.studyUid}/metadata`, index(record()));
    expect(p.ok && p.targets).toEqual([{ url: `${SOURCE}/studies/${FIXTURE.studyUid}/metadata`, seriesUids: [SE1, SE2] }]);
  });
  test('a study spread over two sources becomes one request per series; a location UID resolves through the table', () => {
    const r = record(undefined, {
      series: [facts().series[0]!, { seriesInstanceUid: SE2, retrieveLocationUid: '1.2.3.77', instances: [] }],
    });
    const p = proxyTarget(`/studies/${FIXTURE.studyUid}`, index(r), { '1.2.3.77': 'https://pacs-b.example.org/wado' });
    expect(p.ok && p.targets.map((t) => t.url)).toEqual([
      `${SOURCE}/studies/${FIXTURE.studyUid}/series/${SE1}`,
      `https://pacs-b.example.org/wado/studies/${FIXTURE.studyUid}/series/${SE2}`,
    ]);
  });
  test.each([
    ['/studies/9.9.9', 404],
    [`/studies/${FIXTURE.studyUid}/series/9.9`, 404],
    ['/bulk/1', 404],
  ])('%s gives %i', (path, status) => {
    const p = proxyTarget(path, index(record()));
    expect(!p.ok && p.error.status).toBe(status);
  });
  test('a series without any source named gives 502, not a guess', () => {
    const p = proxyTarget(
      `/studies/${FIXTURE.studyUid}`,
      index(record(undefined, { series: [{ seriesInstanceUid: SE1, instances: [] }] })),
    );
    expect(!p.ok && p.error.status).toBe(502);
  });
});

describe('records from the registry and repository', () => {
  test('reads the real KOS each manifest entry points to; a QIDO study and a proxy target follow from it (WIA-002, WIA-005)', async () => {
    const manifest = conformantDocumentEntry();
    const report = conformantDocumentEntry('Report01', 1);
    report.mimeType = 'application/pdf';
    report.classifications = report.classifications.filter((c) => c.scheme !== DE.formatCode);
    const missing = conformantDocumentEntry('Document02', 2);
    const bytes = toBytes(conformantManifest());
    const r = await wiaRecords([manifest, report, missing], async (uid) => (uid === FIXTURE.kosUid ? bytes : undefined));
    expect([r.records.length, r.skipped]).toEqual([
      1,
      [{ entryId: 'Document02', reason: `manifest ${FIXTURE.kosUid}.2 could not be retrieved` }],
    ]);
    const idx = indexStudies(r.records, OPTS);
    const q1 = answerQido('/studies', q('PatientID=PAT-0001'), idx, OPTS);
    expect(q1.ok && q1.body.map((b) => [val(b, '0020000D'), val(b, '00201206'), val(b, '00080050')])).toEqual([
      [['2.25.100000000000000000000000000000000001'], [3], ['ACC-0042']],
    ]);
    const p = proxyTarget('/studies/2.25.100000000000000000000000000000000001/series/2.25.200000000000000000000000000000000001', idx);
    expect(p.ok && p.targets.map((t) => t.url)).toEqual([
      'https://pacs.hospital-a.example/dicomweb/studies/2.25.100000000000000000000000000000000001/series/2.25.200000000000000000000000000000000001',
    ]);
  });
  test('a manifest that is not a KOS is skipped with the reason', async () => {
    const r = await wiaRecords([conformantDocumentEntry()], async () => new Uint8Array([1, 2, 3]));
    expect(r.skipped.map((s) => s.reason)).toEqual([`manifest ${FIXTURE.kosUid} is not a readable KOS`]);
  });
});
