// The core without HTTP: store outages come back as XDS errors in the protocol's terms.
import { expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { writeAdhocQueryRequest, writeProvideAndRegister } from '../../protocols/ebrim/index.ts';
import { readEnvelope, writeEnvelope } from '../../protocols/soap/index.ts';
import type { XdsStore } from '../store/types.ts';
import { xdsConfig } from './config.ts';
import { ACTION, handleXds } from './core.ts';
import { QUERY } from './stored-query.ts';

/** Every read answers empty; every write (and FindDocuments) fails, as a lost database would. */
const broken = new Proxy({} as XdsStore, {
  get: (_t, prop) =>
    prop === 'kind'
      ? 'sqlite'
      : prop === 'findDocuments' || prop === 'commit'
        ? () => Promise.reject(new Error('disk I/O error'))
        : () => Promise.resolve([]),
});
const cfg = xdsConfig({ acceptAnyPatient: true });
const env = (action: string, body: string) => readEnvelope(writeEnvelope(body, { action, request: true }));

test('a commit failure is XDSRepositoryError and Failure, not a crash', async () => {
  const r = await handleXds(
    { endpoint: 'repository', envelope: env(ACTION.provide, writeProvideAndRegister(conformantSubmission(1))), parts: new Map() },
    broken,
    cfg,
  );
  expect(r.errors.map((e) => e.errorCode)).toEqual(['XDSRepositoryError']);
  expect(r.bodyXml).toContain('ResponseStatusType:Failure');
  expect(r.bodyXml).toContain('disk I/O error');
});

test('a query failure is XDSRegistryError in an AdhocQueryResponse', async () => {
  const q = writeAdhocQueryRequest({
    kind: 'AdhocQueryRequest',
    queryId: QUERY.FindDocuments,
    returnType: 'LeafClass',
    path: '',
    parameters: [
      { name: '$XDSDocumentEntryPatientId', values: [`'${FIXTURE.patientId}'`], path: '' },
      { name: '$XDSDocumentEntryStatus', values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"], path: '' },
    ],
  });
  const r = await handleXds({ endpoint: 'registry', envelope: env(ACTION.query, q), parts: new Map() }, broken, cfg);
  expect(r.action).toBe('urn:ihe:iti:2007:RegistryStoredQueryResponse');
  expect(r.errors.map((e) => e.errorCode)).toEqual(['XDSRegistryError']);
});
