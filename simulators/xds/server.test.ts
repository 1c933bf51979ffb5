import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { ASSOC, DE, externalIdOf, STATUS, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import type { Exchange } from '../../model/exchange.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, rawParam, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { openStore } from '../store/open-store.ts';
import { xdsConfig } from './config.ts';
import { metadataValidator } from './metadata-validator.ts';
import { startXds, type XdsSimulator } from './server.ts';
import { QUERY } from './stored-query.ts';

let sim: XdsSimulator;
const seen: Exchange[] = [];
const rec = (e: Exchange) => seen.push(e);
const repo = () => `${sim.url}/xds/repository`;
const reg = () => `${sim.url}/xds/registry`;
let seq = 0;
const fresh = (count = 1): SubmitObjectsRequest => withFreshIds(conformantSubmission(count), `2.25.${Date.now()}${++seq}`);
const uidOf = (req: SubmitObjectsRequest, i = 0) => externalIdOf(req.objects.documentEntries[i]!, DE.uniqueId)!.value;
const codes = (r: { response?: { errors: { errorCode: string }[] } }) => r.response?.errors.map((e) => e.errorCode);

beforeAll(async () => {
  const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-xds-')), 'xds.sqlite')}`);
  sim = await startXds({
    store,
    config: xdsConfig({ knownPatients: new Set([FIXTURE.patientId]), validate: metadataValidator() }),
    maxBodyBytes: 2 * 1024 * 1024,
  });
});
afterAll(() => sim.stop());

describe('ITI-41 / RAD-68 then ITI-18 and ITI-43', () => {
  test('a conformant KOS submission is a Success (XDS-003) recorded as RAD-68', async () => {
    const r = await provideAndRegister(repo(), fresh(), rec);
    expect(r.response?.status).toBe(STATUS.success);
    expect(r.response?.errors).toEqual([]);
    expect(sim.exchanges().at(-1)?.transaction).toBe('RAD-68');
  });
  test('a validator error rejects the submission as XDSRegistryMetadataError naming the rule (strict)', async () => {
    const req = fresh();
    req.objects.documentEntries[0]!.classifications = req.objects.documentEntries[0]!.classifications.filter(
      (c) => c.scheme !== DE.formatCode,
    );
    const r = await provideAndRegister(repo(), req, rec);
    expect(r.response?.status).toBe(STATUS.failure);
    expect(r.response?.errors.some((e) => e.errorCode === 'XDSRegistryMetadataError' && /formatCode|format/i.test(e.codeContext))).toBe(
      true,
    );
  });
  test('FindDocuments returns the entry with the repository hash, size and every eventCode (XDS-010, XDS-021)', async () => {
    const req = fresh();
    await provideAndRegister(repo(), req, rec);
    const q = await storedQuery(
      reg(),
      QUERY.FindDocuments,
      [rawParam('$XDSDocumentEntryPatientId', `'${FIXTURE.patientId}'`), param('$XDSDocumentEntryStatus', STATUS.approved)],
      rec,
    );
    expect(q.response?.status).toBe(STATUS.success);
    const de = q.response!.objects.documentEntries.find((d) => externalIdOf(d, DE.uniqueId)?.value === uidOf(req))!;
    expect(de.status).toBe(STATUS.approved);
    const slot = (n: string) => de.slots.find((s) => s.name === n)?.values;
    expect(slot('size')).toEqual([String(FIXTURE.documentBytes.length)]);
    expect(slot('repositoryUniqueId')).toEqual(['1.3.6.1.4.1.21367.13.71.101']);
    expect(de.classifications.filter((c) => c.scheme === DE.eventCodeList)).toHaveLength(3);
  });
  test('FindDocumentsByReferenceId matches the accession CXi exactly (XDS-020)', async () => {
    const req = fresh();
    await provideAndRegister(repo(), req, rec);
    const acc = `${FIXTURE.accession}^^^&${FIXTURE.accessionIssuer}&ISO^urn:ihe:iti:xds:2013:accession`;
    const base = [rawParam('$XDSDocumentEntryPatientId', `'${FIXTURE.patientId}'`), param('$XDSDocumentEntryStatus', STATUS.approved)];
    const hit = await storedQuery(
      reg(),
      QUERY.FindDocumentsByReferenceId,
      [...base, param('$XDSDocumentEntryReferenceIdList', acc)],
      rec,
      'ObjectRef',
    );
    expect(hit.response?.objects.objectRefs.length).toBeGreaterThan(0);
    const miss = await storedQuery(
      reg(),
      QUERY.FindDocumentsByReferenceId,
      [...base, param('$XDSDocumentEntryReferenceIdList', acc.replace('accession', 'order'))],
      rec,
      'ObjectRef',
    );
    expect(miss.response?.objects.objectRefs).toEqual([]);
  });
  test('ITI-43 returns the exact bytes over MTOM; unknown ids give XDSDocumentUniqueIdError and PartialSuccess (XDS-022, XDS-023)', async () => {
    const req = fresh();
    await provideAndRegister(repo(), req, rec);
    const ok = { repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.101', documentUniqueId: uidOf(req) };
    const r = await retrieveDocuments(repo(), [ok, { ...ok, documentUniqueId: '1.2.3.999' }, { ...ok, repositoryUniqueId: '9.9' }], rec);
    expect(r.response?.response.status).toBe(STATUS.partialSuccess);
    expect(r.documents[0]?.data).toEqual(Buffer.from(FIXTURE.documentBytes));
    expect(r.response?.response.errors.map((e) => e.errorCode)).toEqual(['XDSDocumentUniqueIdError', 'XDSUnknownRepositoryId']);
  });
});

describe('registry rules', () => {
  test('an unknown patient is XDSUnknownPatientId and nothing is stored (XDS-005, XDS-009)', async () => {
    const req = fresh();
    for (const o of [...req.objects.submissionSets, ...req.objects.documentEntries]) {
      for (const x of o.externalIdentifiers) if (x.value === FIXTURE.patientId) x.value = 'NOBODY^^^&1.2.3.4.5.6.2&ISO';
    }
    const r = await provideAndRegister(repo(), req, rec);
    expect(r.response?.status).toBe(STATUS.failure);
    expect(codes(r)).toContain('XDSUnknownPatientId');
    const back = await retrieveDocuments(
      repo(),
      [{ repositoryUniqueId: '1.3.6.1.4.1.21367.13.71.101', documentUniqueId: uidOf(req) }],
      rec,
    );
    expect(back.response?.response.status).toBe(STATUS.failure);
  });
  test('DocumentEntry and SubmissionSet patients differing is XDSPatientIdDoesNotMatch (XDS-006)', async () => {
    const req = fresh();
    externalIdOf(req.objects.documentEntries[0]!, DE.patientId)!.value = 'OTHER^^^&1.2.3.4.5.6.2&ISO';
    expect(codes(await provideAndRegister(repo(), req, rec))).toContain('XDSPatientIdDoesNotMatch');
  });
  test('the same uniqueId twice in one message is XDSRepositoryDuplicateUniqueIdInMessage (XDS-008)', async () => {
    const req = fresh(2);
    externalIdOf(req.objects.documentEntries[1]!, DE.uniqueId)!.value = uidOf(req);
    expect(codes(await provideAndRegister(repo(), req, rec))).toContain('XDSRepositoryDuplicateUniqueIdInMessage');
  });
  test('re-submitting a uniqueId with other bytes is XDSNonIdenticalHash (XDS-008)', async () => {
    const first = fresh();
    await provideAndRegister(repo(), first, rec);
    const again = withFreshIds(first, `2.25.${Date.now()}99`);
    externalIdOf(again.objects.documentEntries[0]!, DE.uniqueId)!.value = uidOf(first);
    again.documents = [{ id: again.documents![0]!.id, content: new Uint8Array(Buffer.from('other bytes')), path: '' }];
    again.objects.documentEntries[0]!.slots = again.objects.documentEntries[0]!.slots.filter((s) => s.name !== 'hash' && s.name !== 'size');
    expect(codes(await provideAndRegister(repo(), again, rec))).toContain('XDSNonIdenticalHash');
  });
  test('a missing document part is XDSMissingDocument (XDS-002)', async () => {
    const req = fresh();
    req.documents = [];
    expect(codes(await provideAndRegister(repo(), req, rec))).toContain('XDSMissingDocument');
  });
  test('RPLC deprecates the replaced entry (XDS-024)', async () => {
    const first = fresh();
    await provideAndRegister(repo(), first, rec);
    const got = await storedQuery(reg(), QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', uidOf(first))], rec);
    const oldUuid = got.response!.objects.documentEntries[0]!.id;
    const repl = fresh();
    repl.objects.associations.push({
      kind: 'Association',
      id: 'rplc1',
      type: ASSOC.rplc,
      source: repl.objects.documentEntries[0]!.id,
      target: oldUuid,
      slots: [],
      path: '',
    });
    expect((await provideAndRegister(repo(), repl, rec)).response?.status).toBe(STATUS.success);
    const after = await storedQuery(reg(), QUERY.GetDocuments, [param('$XDSDocumentEntryEntryUUID', oldUuid)], rec);
    expect(after.response?.objects.documentEntries[0]?.status).toBe(STATUS.deprecated);
    const again = fresh();
    again.objects.associations.push({
      kind: 'Association',
      id: 'rplc2',
      type: ASSOC.rplc,
      source: again.objects.documentEntries[0]!.id,
      target: oldUuid,
      slots: [],
      path: '',
    });
    expect(codes(await provideAndRegister(repo(), again, rec))).toContain('XDSRegistryDeprecatedDocumentError');
  });
});

describe('ITI-18 errors', () => {
  test('FindDocuments without a status is XDSStoredQueryMissingParam (XDS-016)', async () => {
    const q = await storedQuery(reg(), QUERY.FindDocuments, [param('$XDSDocumentEntryPatientId', FIXTURE.patientId)], rec);
    expect(q.response?.status).toBe(STATUS.failure);
    expect(q.response?.errors.map((e) => e.errorCode)).toEqual(['XDSStoredQueryMissingParam']);
  });
  test('an unknown query id is XDSUnknownStoredQuery (XDS-016)', async () => {
    const q = await storedQuery(reg(), 'urn:uuid:00000000-0000-0000-0000-000000000000', [], rec);
    expect(q.response?.errors.map((e) => e.errorCode)).toEqual(['XDSUnknownStoredQuery']);
  });
  test('GetDocuments with both EntryUUID and UniqueId is XDSStoredQueryParamNumber (XDS-017)', async () => {
    const q = await storedQuery(
      reg(),
      QUERY.GetDocuments,
      [param('$XDSDocumentEntryEntryUUID', 'urn:uuid:1'), param('$XDSDocumentEntryUniqueId', '1.2')],
      rec,
    );
    expect(q.response?.errors.map((e) => e.errorCode)).toEqual(['XDSStoredQueryParamNumber']);
  });
  test('a query at the repository endpoint is a SOAP fault ActionNotSupported', async () => {
    const q = await storedQuery(repo(), QUERY.FindDocuments, [], rec);
    expect(q.call.ok).toBe(false);
    expect(!q.call.ok && q.call.fault).toMatchObject({ code: 'Sender', subcode: { local: 'ActionNotSupported' } });
  });
});
