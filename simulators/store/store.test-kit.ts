// One behaviour suite run against every backend (sqlite-store.test.ts, pg-store.int.test.ts).
import { describe, expect, test } from 'vitest';
import { StoreConflictError, type DocumentEntryRecord, type Submission, type XdsStore } from './types.ts';

const PID = 'P1^^^&1.2.3&ISO';
let n = 0;

export function entry(over: Partial<DocumentEntryRecord> = {}): DocumentEntryRecord {
  n += 1;
  return {
    entryUuid: `urn:uuid:de-${n}-${Math.random().toString(16).slice(2)}`,
    uniqueId: `1.2.3.4.${n}.${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
    logicalId: '',
    patientId: PID,
    status: 'Approved',
    objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
    mimeType: 'application/dicom',
    creationTime: '20240102030405',
    serviceStartTime: '20240101',
    classCode: { code: 'IMAGES', scheme: '1.3.6.1.4.1.19376.1.2.6.1' },
    confidentialityCodes: [{ code: 'N', scheme: '2.16.840.1.113883.5.25' }],
    eventCodes: [],
    referenceIds: [],
    authorPersons: ['^Smith^John'],
    submissionSetUuid: '',
    object: { kind: 'DocumentEntry', id: '', slots: [], classifications: [], externalIdentifiers: [], path: '' },
    ...over,
  };
}

export function submission(entries: DocumentEntryRecord[], over: Partial<Submission> = {}): Submission {
  n += 1;
  const ssUuid = `urn:uuid:ss-${n}-${Math.random().toString(16).slice(2)}`;
  for (const e of entries) {
    e.submissionSetUuid = ssUuid;
    if (!e.logicalId) e.logicalId = e.entryUuid;
  }
  return {
    submissionSet: {
      entryUuid: ssUuid,
      uniqueId: `1.9.${n}.${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
      patientId: PID,
      sourceId: '1.9',
      submissionTime: '20240102',
      authorPersons: [],
      status: 'Approved',
      object: { kind: 'SubmissionSet', id: ssUuid, slots: [], classifications: [], externalIdentifiers: [], path: '' },
    },
    documentEntries: entries,
    folders: [],
    associations: entries.map((e, i) => ({
      entryUuid: `${ssUuid}-a${i}`,
      type: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
      sourceUuid: ssUuid,
      targetUuid: e.entryUuid,
      status: 'Approved',
      submissionSetUuid: ssUuid,
      object: {
        kind: 'Association',
        id: `${ssUuid}-a${i}`,
        type: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
        source: ssUuid,
        target: e.entryUuid,
        slots: [],
        path: '',
      },
    })),
    documents: entries.map((e) => ({
      uniqueId: e.uniqueId,
      repositoryUniqueId: '1.1.1',
      mimeType: e.mimeType,
      hash: 'ab',
      size: 3,
      data: Buffer.from([1, 2, 3]),
    })),
    deprecate: [],
    findings: [{ ruleId: 'x.y', reqIds: ['XDS-007'], severity: 'warning', message: 'm', path: 'p' }],
    ...over,
  };
}

export function storeSuite(name: string, open: () => Promise<XdsStore>): void {
  describe(`${name} store`, () => {
    let store: XdsStore;
    const pid = () => `P${Math.random().toString(16).slice(2)}^^^&1.2.3&ISO`;
    test('opens and migrates', async () => {
      store = await open();
      expect(store.kind).toBe(name);
    });
    test('commits a submission and reads every part back', async () => {
      const p = pid();
      const e = entry({
        patientId: p,
        eventCodes: [{ code: 'CT', scheme: 'DCM' }],
        referenceIds: ['1.2.3^^^^urn:ihe:iti:xds:2016:studyInstanceUID'],
      });
      const s = submission([e]);
      await store.commit(s);
      expect((await store.findDocuments({ patientId: p, statuses: ['Approved'] })).map((d) => d.uniqueId)).toEqual([e.uniqueId]);
      expect((await store.documentsByUniqueId([e.uniqueId]))[0]?.eventCodes).toEqual([{ code: 'CT', scheme: 'DCM' }]);
      expect((await store.documentContent(e.uniqueId))?.data).toEqual(Buffer.from([1, 2, 3]));
      expect(await store.associationsOf([e.entryUuid])).toHaveLength(1);
      expect((await store.submissionSetsByUuid([s.submissionSet.entryUuid]))[0]?.uniqueId).toBe(s.submissionSet.uniqueId);
      expect(await store.findingsOf(s.submissionSet.entryUuid)).toEqual([
        { ruleId: 'x.y', reqIds: ['XDS-007'], severity: 'warning', message: 'm', path: 'p' },
      ]);
    });
    test('a duplicate uniqueId rolls the whole submission back', async () => {
      const p = pid();
      const first = entry({ patientId: p });
      await store.commit(submission([first]));
      const fresh = entry({ patientId: p });
      const dup = entry({ patientId: p, uniqueId: first.uniqueId });
      const before = await store.counts();
      await expect(store.commit(submission([fresh, dup]))).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.counts()).toEqual(before);
      expect(await store.documentsByUniqueId([fresh.uniqueId])).toEqual([]);
    });
    test('deprecates a replaced entry in the same transaction, and only once', async () => {
      const p = pid();
      const old = entry({ patientId: p });
      await store.commit(submission([old]));
      const repl = entry({ patientId: p, logicalId: old.entryUuid });
      await store.commit(submission([repl], { deprecate: [old.entryUuid] }));
      expect((await store.documentsByUuid([old.entryUuid]))[0]?.status).toBe('Deprecated');
      expect((await store.findDocuments({ patientId: p, statuses: ['Approved'] })).map((d) => d.entryUuid)).toEqual([repl.entryUuid]);
      const again = entry({ patientId: p });
      await expect(store.commit(submission([again], { deprecate: [old.entryUuid] }))).rejects.toMatchObject({ kind: 'not-approved' });
      expect(await store.documentsByUuid([again.entryUuid])).toEqual([]);
    });
    test('FindDocuments ANDs event code groups and ORs inside one (XDS-018)', async () => {
      const p = pid();
      const ctChest = entry({
        patientId: p,
        eventCodes: [
          { code: 'CT', scheme: 'DCM' },
          { code: 'T-D3000', scheme: 'SRT' },
        ],
      });
      const mrHead = entry({
        patientId: p,
        eventCodes: [
          { code: 'MR', scheme: 'DCM' },
          { code: 'T-D1100', scheme: 'SRT' },
        ],
      });
      const ctHead = entry({
        patientId: p,
        eventCodes: [
          { code: 'CT', scheme: 'DCM' },
          { code: 'T-D1100', scheme: 'SRT' },
        ],
      });
      await store.commit(submission([ctChest, mrHead, ctHead]));
      const hits = await store.findDocuments({ patientId: p, statuses: ['Approved'], eventCodeGroups: [['CT^^^DCM'], ['T-D1100^^^SRT']] });
      expect(hits.map((d) => d.entryUuid)).toEqual([ctHead.entryUuid]);
      const either = await store.findDocuments({ patientId: p, statuses: ['Approved'], eventCodeGroups: [['CT^^^DCM', 'MR^^^DCM']] });
      expect(either).toHaveLength(3);
    });
    test('time ranges are inclusive below and exclusive above (XDS-019)', async () => {
      const p = pid();
      const at = entry({ patientId: p, serviceStartTime: '20240101' });
      const later = entry({ patientId: p, serviceStartTime: '202402011200' });
      await store.commit(submission([at, later]));
      const q = { patientId: p, statuses: ['Approved' as const] };
      expect((await store.findDocuments({ ...q, serviceStartTimeFrom: '20240101' })).length).toBe(2);
      expect((await store.findDocuments({ ...q, serviceStartTimeTo: '202402011200' })).map((d) => d.entryUuid)).toEqual([at.entryUuid]);
    });
    test('reference ids match exactly, type component included (XDS-020)', async () => {
      const p = pid();
      const e = entry({ patientId: p, referenceIds: ['ACC-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession'] });
      await store.commit(submission([e]));
      const q = { patientId: p, statuses: ['Approved' as const] };
      expect(await store.findDocuments({ ...q, referenceIds: ['ACC-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession'] })).toHaveLength(1);
      expect(await store.findDocuments({ ...q, referenceIds: ['ACC-1^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order'] })).toHaveLength(0);
    });
    test('keeps exchanges as evidence', async () => {
      const id = `ex-${Math.random()}`;
      await store.recordExchanges([
        { id, at: '2024-01-01T00:00:00Z', transaction: 'ITI-41', from: 'a', to: 'b', request: { size: 1 }, error: 'boom' },
      ]);
      expect((await store.exchanges()).find((e) => e.id === id)).toMatchObject({ transaction: 'ITI-41', error: 'boom' });
    });
    test('closes', async () => {
      await store.close();
    });
  });
}
