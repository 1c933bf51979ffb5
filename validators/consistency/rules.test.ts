// Consistency rules: conformant pairs pass clean; one change is flagged at the exact path.
import { describe, expect, test } from 'vitest';
import { FIXTURE, conformantDocumentEntry, conformantSubmission } from '../../fixtures/builders/ebrim-submission.ts';
import { readEbrimXml, writeSubmitObjectsRequest, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { toDocumentEntry, toDocumentReference } from '../../protocols/fhir/index.ts';
import type { ManifestFacts } from '../manifest-facts.ts';
import { ENTRY_REFERENCE_CASES, KOS_ENTRY_CASES, REF } from './broken-cases.ts';
import { checkEntryAgainstReference, checkKosAgainstEntry, checkReportAgainstManifest } from './rule-sets.ts';

function facts(): ManifestFacts {
  return {
    sopInstanceUid: FIXTURE.kosUid,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
    patient: { id: 'PAT-0001', issuerOid: '1.2.3.4.5.6.2', issuerOidType: 'ISO' },
    otherPatientIds: [],
    studyInstanceUid: FIXTURE.studyUid,
    studyDate: FIXTURE.studyDate,
    studyTime: FIXTURE.studyTime,
    studyDescription: FIXTURE.title,
    patientName: 'DOE^JANE',
    patientBirthDate: '19640812',
    patientSex: 'F',
    accessionNumber: FIXTURE.accession,
    accessionIssuerOid: FIXTURE.accessionIssuer,
    placerOrderNumbers: [FIXTURE.order],
    fillerOrderNumbers: [],
    requestedProcedureIds: [],
    procedureCodes: [{ code: 'CT-THORAX', scheme: 'LOCAL', display: 'CT Thorax' }],
    modalities: ['CT', 'KO'],
    series: [],
  };
}

/** The conformant entry as read back from XML, so paths are real XPaths. */
function entry(change?: (de: DocumentEntry) => void): DocumentEntry {
  const s = conformantSubmission();
  s.objects.documentEntries[0]!.slots.push({
    name: 'sourcePatientInfo',
    values: ['PID-3|PAT-0001^^^&1.2.3.4.5.6.2&ISO', 'PID-5|Doe^Jane', 'PID-7|19640812', 'PID-8|F'],
    path: '',
  });
  change?.(s.objects.documentEntries[0]!);
  const r = readEbrimXml(writeSubmitObjectsRequest(s));
  if (!r.ok || r.message.kind !== 'SubmitObjectsRequest') throw new Error('fixture unreadable');
  return r.message.objects.documentEntries[0]!;
}

describe('KOS <-> DocumentEntry', () => {
  test('the conformant pair is consistent', () => {
    expect(checkKosAgainstEntry(facts(), entry(), 'sub.xml')).toEqual([]);
  });

  test.each([`${FIXTURE.title} (2025-03-14)`, 'Follow-up: ct  THORAX, with contrast'])(
    'a title that contains the description or a procedure display is not warned about (META-021): %s',
    (title) => {
      const named = entry((de) => {
        de.name = { value: title, path: '' };
      });
      expect(checkKosAgainstEntry(facts(), named, 'sub.xml')).toEqual([]);
      expect(
        checkKosAgainstEntry({ ...facts(), studyDescription: 'MR Knee', procedureCodes: [] }, named, 'sub.xml').map((x) => x.ruleId),
      ).toEqual(['consistency.kos.title']);
    },
  );

  test.each(KOS_ENTRY_CASES)('flags $name', ({ ruleId, path, change }) => {
    const f = facts();
    change(f);
    expect(
      checkKosAgainstEntry(f, entry(), 'sub.xml')
        .filter((x) => x.ruleId === ruleId)
        .map((x) => x.location.path),
    ).toEqual([path]);
  });
});

describe('DocumentEntry <-> DocumentReference', () => {
  test('a mapped DocumentReference agrees', () => {
    const de = conformantDocumentEntry();
    expect(checkEntryAgainstReference(de, toDocumentEntry(toDocumentReference(de)), 'dr.json')).toEqual([]);
  });

  test.each(ENTRY_REFERENCE_CASES)('flags $name at its path', ({ change, path }) => {
    const de = conformantDocumentEntry();
    const dr = toDocumentReference(de);
    change(dr);
    expect(checkEntryAgainstReference(de, toDocumentEntry(dr), 'dr.json').map((f) => f.location.path)).toEqual([path]);
  });
});

describe('report entry <-> manifest entry', () => {
  test('flags a report that lacks the manifest accession', () => {
    const report = entry((de) => {
      de.slots.find((s) => s.name === 'urn:ihe:iti:xds:2013:referenceIdList')!.values.splice(1, 1);
    });
    expect(checkReportAgainstManifest(report, entry(), 'x').map((f) => [f.ruleId, f.reqIds, f.location.path])).toEqual([
      ['consistency.report-manifest', ['LINK-003'], REF],
    ]);
    expect(checkReportAgainstManifest(entry(), entry(), 'x')).toEqual([]);
  });
});
