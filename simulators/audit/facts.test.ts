// The facts of an exchange, read from the exchange as the clients record it: what the audit of
// RAD-69, ITI-42, ITI-66 and ITI-68 must name (validators/audit/match.ts compares them).
import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import { writeSubmitObjectsRequest, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { buildSubmission } from '../../suites/plans/common/iti41-submission.ts';
import { callSoap } from '../clients/xds-soap.ts';
import { retrieveImaging } from '../clients/xds-imaging-consumer.ts';
import { AUDITED, factsOfExchange } from './facts.ts';

// Nothing listens on port 1: the clients record the request and an unreachable answer.
const NOWHERE = 'http://127.0.0.1:1/xds';

const exchange = (over: Partial<Exchange> & Pick<Exchange, 'transaction' | 'to'>): Exchange =>
  ({ id: 'ex-1', at: '2026-12-03T06:20:10Z', from: 'http://127.0.0.1:5000', request: {}, ...over }) as Exchange;

describe('facts of an exchange', () => {
  test('RAD-69 names each study requested once, no patient, and fails without an answer', async () => {
    const list: Exchange[] = [];
    await retrieveImaging(
      `${NOWHERE}/imaging`,
      {
        studyInstanceUid: '1.2.3.1',
        seriesInstanceUid: '1.2.3.1.1',
        repositoryUniqueId: '1.2.3.99',
        sopInstanceUids: ['1.2.3.1.1.1', '1.2.3.1.1.2'],
      },
      (e) => list.push(e),
    );
    const f = factsOfExchange(list[0]!);
    expect(f).toMatchObject({ transaction: 'RAD-69', studyUids: ['1.2.3.1'], failed: true });
    expect(f?.patientId).toBeUndefined();
  });

  test('ITI-42 names the patient and the submission set, as ITI-41 does', async () => {
    const s = buildSubmission({ patientCx: 'PAT-1^^^&1.2.3.4&ISO' });
    const { documents: _d, ...request } = s.request;
    const list: Exchange[] = [];
    await callSoap(
      {
        url: `${NOWHERE}/registry`,
        action: XDS_ACTION.register,
        transaction: 'ITI-42',
        bodyXml: writeSubmitObjectsRequest(request as SubmitObjectsRequest),
      },
      (e) => list.push(e),
    );
    const f = factsOfExchange(list[0]!);
    expect(f).toMatchObject({ transaction: 'ITI-42', patientId: 'PAT-1^^^&1.2.3.4&ISO' });
    expect(f?.submissionSetId).toMatch(/^[0-9.]+$/);
  });

  test('ITI-66 is a query on List, its query string kept', () => {
    const f = factsOfExchange(
      exchange({ transaction: 'ITI-66', to: 'https://mhd.example/fhir/List?patient.identifier=urn:oid:1.2.3|PAT-1&status=current' }),
    );
    expect(f).toMatchObject({
      transaction: 'ITI-66',
      patientId: 'PAT-1^^^&1.2.3&ISO',
      queryId: 'List',
      query: 'patient.identifier=urn:oid:1.2.3|PAT-1&status=current',
    });
  });

  test('ITI-68 names the document by its absolute URL, from a client or a server record', () => {
    expect(factsOfExchange(exchange({ transaction: 'ITI-68', to: 'https://mhd.example/fhir/Binary/doc-1' }))?.documentIds).toEqual([
      'https://mhd.example/fhir/Binary/doc-1',
    ]);
    const served = exchange({
      transaction: 'ITI-68',
      to: 'https://127.0.0.1:8443/fhir/Binary/doc-1',
      request: { url: '/fhir/Binary/doc-1', size: 0 },
    });
    expect(factsOfExchange(served)?.documentIds).toEqual(['https://127.0.0.1:8443/fhir/Binary/doc-1']);
  });

  test('an unreadable RAD-69 request gives no facts (reported as not readable, not judged)', () => {
    expect(factsOfExchange(exchange({ transaction: 'RAD-69', to: NOWHERE, request: { body: '<x/>', size: 3 } }))).toBeUndefined();
  });

  test('every audited transaction has an audit table', async () => {
    const { AUDIT_SPECS } = await import('../../validators/audit/index.ts');
    expect(AUDITED.filter((t) => !AUDIT_SPECS[t])).toEqual([]);
  });
});
