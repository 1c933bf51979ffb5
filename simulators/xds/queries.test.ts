// ITI-42 and the stored queries beyond FindDocuments, plus RAD-69, through our initiators.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import {
  ASSOC,
  DE,
  externalIdOf,
  FOLDER,
  FOLDER_NODE,
  SS,
  STATUS,
  writeSubmitObjectsRequest,
  type SubmitObjectsRequest,
} from '../../protocols/ebrim/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, rawParam, storedQuery } from '../clients/xds-consumer.ts';
import { retrieveImaging } from '../clients/xds-imaging-consumer.ts';
import { callSoap } from '../clients/xds-soap.ts';
import { provideAndRegister, registryResponseOf } from '../clients/xds-source.ts';
import { openStore } from '../store/open-store.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { conformantKin, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { EXAMPLE_KIN } from '../../fixtures/builders/kos-example.ts';
import { DEFAULT_REPOSITORY_UID, xdsConfig } from './config.ts';
import { startXds, type XdsSimulator } from './server.ts';
import { QUERY } from './stored-query.ts';

let sim: XdsSimulator;
const none = () => undefined;
const reg = () => `${sim.url}/xds/registry`;
const repo = () => `${sim.url}/xds/repository`;
const dicomDir = mkdtempSync(join(tmpdir(), 'mcwg-dicom-'));
let seq = 0;
const fresh = (): SubmitObjectsRequest => withFreshIds(conformantSubmission(1), `2.25.${Date.now()}${++seq}`);
const pid = rawParam('$XDSDocumentEntryPatientId', `'${FIXTURE.patientId}'`);
const approved = param('$XDSDocumentEntryStatus', STATUS.approved);
let first: SubmitObjectsRequest;
let firstUuid = '';
let ssUuid = '';

beforeAll(async () => {
  mkdirSync(dicomDir, { recursive: true });
  writeFileSync(join(dicomDir, 'kin.dcm'), toBytes(conformantKin()));
  const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-q-')), 'xds.sqlite')}`);
  sim = await startXds({ store, config: xdsConfig({ acceptAnyPatient: true, imaging: await indexFolder(dicomDir) }) });
  first = fresh();
  await provideAndRegister(repo(), first, none);
  const got = await storedQuery(
    reg(),
    QUERY.GetDocumentsAndAssociations,
    [param('$XDSDocumentEntryUniqueId', externalIdOf(first.objects.documentEntries[0]!, DE.uniqueId)!.value)],
    none,
  );
  firstUuid = got.response!.objects.documentEntries[0]!.id;
  ssUuid = got.response!.objects.associations.find((a) => a.type === ASSOC.hasMember)!.source;
});
afterAll(() => sim.stop());

describe('stored queries', () => {
  test('GetSubmissionSets returns the set holding a document with its HasMember', async () => {
    const r = await storedQuery(reg(), QUERY.GetSubmissionSets, [param('$uuid', firstUuid)], none);
    expect(r.response?.objects.submissionSets.map((s) => s.id)).toEqual([ssUuid]);
    expect(r.response?.objects.associations.map((a) => a.target)).toEqual([firstUuid]);
  });
  test('GetSubmissionSetAndContents by uniqueId returns set, entry and association', async () => {
    const ssUid = externalIdOf(first.objects.submissionSets[0]!, SS.uniqueId)!.value;
    const r = await storedQuery(reg(), QUERY.GetSubmissionSetAndContents, [param('$XDSSubmissionSetUniqueId', ssUid)], none);
    expect(r.response?.objects.submissionSets).toHaveLength(1);
    expect(r.response?.objects.documentEntries.map((d) => d.id)).toEqual([firstUuid]);
    expect(r.response?.objects.associations).toHaveLength(1);
  });
  test('FindSubmissionSets and GetAll find by patient', async () => {
    const fs = await storedQuery(
      reg(),
      QUERY.FindSubmissionSets,
      [rawParam('$XDSSubmissionSetPatientId', `'${FIXTURE.patientId}'`), param('$XDSSubmissionSetStatus', STATUS.approved)],
      none,
      'ObjectRef',
    );
    expect(fs.response?.objects.objectRefs.map((o) => o.id)).toContain(ssUuid);
    const all = await storedQuery(
      reg(),
      QUERY.GetAll,
      [
        rawParam('$patientId', `'${FIXTURE.patientId}'`),
        approved,
        param('$XDSSubmissionSetStatus', STATUS.approved),
        param('$XDSFolderStatus', STATUS.approved),
      ],
      none,
    );
    expect(all.response?.objects.documentEntries.map((d) => d.id)).toContain(firstUuid);
    expect(all.response?.objects.submissionSets.map((s) => s.id)).toContain(ssUuid);
  });
  test('APND is kept, GetRelatedDocuments follows it, GetAssociations lists it, and the original stays Approved', async () => {
    const add = fresh();
    add.objects.associations.push({
      kind: 'Association',
      id: 'apnd',
      type: ASSOC.apnd,
      source: add.objects.documentEntries[0]!.id,
      target: firstUuid,
      slots: [],
      path: '',
    });
    expect((await provideAndRegister(repo(), add, none)).response?.status).toBe(STATUS.success);
    const rel = await storedQuery(
      reg(),
      QUERY.GetRelatedDocuments,
      [param('$XDSDocumentEntryEntryUUID', firstUuid), param('$AssociationTypes', ASSOC.apnd)],
      none,
    );
    expect(rel.response?.objects.documentEntries).toHaveLength(2);
    expect(rel.response?.objects.documentEntries.every((d) => d.status === STATUS.approved)).toBe(true);
    const assoc = await storedQuery(reg(), QUERY.GetAssociations, [param('$uuid', firstUuid)], none);
    expect(assoc.response?.objects.associations.map((a) => a.type).sort()).toEqual([ASSOC.apnd, ASSOC.hasMember].sort());
  });
  test('FindDocuments with ObjectRef returns only references', async () => {
    const r = await storedQuery(reg(), QUERY.FindDocuments, [pid, approved], none, 'ObjectRef');
    expect(r.response?.objects.documentEntries).toEqual([]);
    expect(r.response?.objects.objectRefs.map((o) => o.id)).toContain(firstUuid);
  });
  test('FindDocuments ANDs classCode, formatCode and a creationTime window', async () => {
    const hit = await storedQuery(
      reg(),
      QUERY.FindDocuments,
      [
        pid,
        approved,
        param('$XDSDocumentEntryClassCode', 'imaging-study^^^2.999.1.1'),
        param('$XDSDocumentEntryFormatCode', '1.2.840.10008.5.1.4.1.1.88.59^^^1.2.840.10008.2.6.1'),
        rawParam('$XDSDocumentEntryCreationTimeFrom', '20240315'),
        rawParam('$XDSDocumentEntryCreationTimeTo', '20240316'),
      ],
      none,
      'ObjectRef',
    );
    expect(hit.response?.objects.objectRefs.length).toBeGreaterThan(0);
    const miss = await storedQuery(
      reg(),
      QUERY.FindDocuments,
      [pid, approved, rawParam('$XDSDocumentEntryCreationTimeTo', '20240315103000')],
      none,
      'ObjectRef',
    );
    expect(miss.response?.objects.objectRefs).toEqual([]);
  });
});

describe('folders', () => {
  test('a Folder submitted with its document is found by FindFolders, GetFolderAndContents and GetFoldersForDocument', async () => {
    const req = fresh();
    const de = req.objects.documentEntries[0]!;
    const ss = req.objects.submissionSets[0]!;
    const folderUid = `2.25.${Date.now()}77`;
    req.objects.folders.push({
      kind: 'Folder',
      id: 'Folder01',
      slots: [],
      path: '',
      name: { value: 'Tumour board', path: '' },
      classifications: [
        { id: 'f-node', node: FOLDER_NODE, classifiedObject: 'Folder01', slots: [], path: '' },
        {
          id: 'f-code',
          scheme: FOLDER.codeList,
          classifiedObject: 'Folder01',
          nodeRepresentation: 'TB',
          slots: [{ name: 'codingScheme', values: ['2.999.1'], path: '' }],
          path: '',
        },
      ],
      externalIdentifiers: [
        { id: 'f-uid', scheme: FOLDER.uniqueId, registryObject: 'Folder01', value: folderUid, path: '' },
        { id: 'f-pid', scheme: FOLDER.patientId, registryObject: 'Folder01', value: FIXTURE.patientId, path: '' },
      ],
    });
    req.objects.associations.push(
      { kind: 'Association', id: 'ss-f', type: ASSOC.hasMember, source: ss.id, target: 'Folder01', slots: [], path: '' },
      { kind: 'Association', id: 'f-de', type: ASSOC.hasMember, source: 'Folder01', target: de.id, slots: [], path: '' },
      { kind: 'Association', id: 'ss-fde', type: ASSOC.hasMember, source: ss.id, target: 'f-de', slots: [], path: '' },
    );
    const sub = await provideAndRegister(repo(), req, none);
    expect(sub.response?.errors).toEqual([]);
    const found = await storedQuery(
      reg(),
      QUERY.FindFolders,
      [
        rawParam('$XDSFolderPatientId', `'${FIXTURE.patientId}'`),
        param('$XDSFolderStatus', STATUS.approved),
        param('$XDSFolderCodeList', 'TB^^^2.999.1'),
      ],
      none,
    );
    const folder = found.response!.objects.folders.find((f) => externalIdOf(f, FOLDER.uniqueId)?.value === folderUid)!;
    expect(folder.status).toBe(STATUS.approved);
    expect(folder.slots.find((x) => x.name === 'lastUpdateTime')?.values[0]).toMatch(/^\d{14}$/);
    const contents = await storedQuery(reg(), QUERY.GetFolderAndContents, [param('$XDSFolderUniqueId', folderUid)], none);
    expect(contents.response?.objects.documentEntries).toHaveLength(1);
    const docUuid = contents.response!.objects.documentEntries[0]!.id;
    const back = await storedQuery(reg(), QUERY.GetFoldersForDocument, [param('$XDSDocumentEntryEntryUUID', docUuid)], none);
    expect(back.response?.objects.folders.map((f) => f.id)).toEqual([folder.id]);
  });
});

describe('ITI-42 and RAD-69', () => {
  test('ITI-42 without the repository slots is XDSRegistryMetadataError; with them, Success', async () => {
    const bare = fresh();
    const bad = registryResponseOf(
      await callSoap(
        { url: reg(), action: 'urn:ihe:iti:2007:RegisterDocumentSet-b', transaction: 'ITI-42', bodyXml: writeSubmitObjectsRequest(bare) },
        none,
      ),
    );
    expect(bad.response?.errors.map((e) => e.errorCode)).toContain('XDSRegistryMetadataError');
    bare.objects.documentEntries[0]!.slots.push({ name: 'repositoryUniqueId', values: ['1.2.3'], path: '' });
    const ok = registryResponseOf(
      await callSoap(
        { url: reg(), action: 'urn:ihe:iti:2007:RegisterDocumentSet-b', transaction: 'ITI-42', bodyXml: writeSubmitObjectsRequest(bare) },
        none,
      ),
    );
    expect(ok.response?.status).toBe(STATUS.success);
    expect(sim.exchanges().at(-1)?.transaction).toBe('ITI-42');
  });
  test('RAD-69 returns an instance from the indexed DICOM folder and the KOS from the repository (XDS-026)', async () => {
    const kosUid = externalIdOf(first.objects.documentEntries[0]!, DE.uniqueId)!.value;
    const r = await retrieveImaging(
      repo(),
      {
        studyInstanceUid: FIXTURE.studyUid,
        seriesInstanceUid: '1.2.3',
        repositoryUniqueId: DEFAULT_REPOSITORY_UID,
        sopInstanceUids: [EXAMPLE_KIN.sopInstanceUid, kosUid, '9.9.9'],
      },
      none,
    );
    expect(r.response?.response.status).toBe(STATUS.partialSuccess);
    expect(r.documents[0]?.data).toEqual(toBytes(conformantKin()));
    expect(r.documents[1]?.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    expect(r.response?.response.errors.map((e) => e.errorCode)).toEqual(['XDSDocumentUniqueIdError']);
    expect(sim.exchanges().at(-1)?.transaction).toBe('RAD-69');
  });
});
