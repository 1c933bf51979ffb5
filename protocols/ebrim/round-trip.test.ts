import { describe, expect, test } from 'vitest';
import { conformantSubmission } from '../../fixtures/builders/ebrim-submission.ts';
import { DE } from './constants.ts';
import { readEbrimXml } from './read-message.ts';
import { writeAdhocQueryRequest, writeProvideAndRegister, writeRegistryResponse, writeSubmitObjectsRequest } from './write-message.ts';
import { NS } from '../xml/index.ts';

describe('ebRIM reader and writer', () => {
  test('round-trips a SubmitObjectsRequest with XPaths naming each object', () => {
    const r = readEbrimXml(writeSubmitObjectsRequest(conformantSubmission()));
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.kind !== 'SubmitObjectsRequest') return;
    const { objects } = r.message;
    expect(objects.submissionSets).toHaveLength(1);
    expect(objects.associations).toHaveLength(1);
    const de = objects.documentEntries[0]!;
    expect(de.mimeType).toBe('application/dicom');
    expect(de.path).toBe("/lcm:SubmitObjectsRequest/rim:RegistryObjectList/rim:ExtrinsicObject[@id='Document01']");
    const ev = de.classifications.filter((c) => c.scheme === DE.eventCodeList);
    expect(ev.map((c) => c.nodeRepresentation)).toEqual(['CT', '67734004', 'CT-THORAX']);
    expect(ev[1]!.path).toBe(`${de.path}/rim:Classification[@classificationScheme='${DE.eventCodeList}'][2]`);
    expect(de.classifications.find((c) => c.scheme === DE.formatCode)!.path).toBe(
      `${de.path}/rim:Classification[@classificationScheme='${DE.formatCode}']`,
    );
  });

  test('reads a ProvideAndRegister inside SOAP with foreign prefixes and inline documents', () => {
    const body = writeProvideAndRegister(conformantSubmission());
    const soap = `<S:Envelope xmlns:S="${NS.soap12}"><S:Header/><S:Body>${body.replaceAll('<rim:', '<r:').replaceAll('</rim:', '</r:').replace('xmlns:rim=', 'xmlns:r=')}</S:Body></S:Envelope>`;
    const r = readEbrimXml(soap);
    expect(r.ok).toBe(true);
    if (!r.ok || r.message.kind !== 'SubmitObjectsRequest') return;
    expect(r.message.documents?.[0]?.id).toBe('Document01');
    expect(Buffer.from(r.message.documents![0]!.content!).toString()).toContain('DICM');
    expect(r.message.objects.documentEntries).toHaveLength(1);
  });

  test('round-trips a RegistryResponse with errors', () => {
    const xml = writeRegistryResponse({
      status: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
      errors: [{ errorCode: 'XDSUnknownPatientId', codeContext: 'unknown', severity: '', location: 'x' }],
    });
    const r = readEbrimXml(xml);
    expect(r.ok && r.message.kind === 'RegistryResponse' && r.message.errors[0]).toMatchObject({
      errorCode: 'XDSUnknownPatientId',
      severity: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
    });
  });

  test('round-trips an AdhocQueryRequest with repeated parameters', () => {
    const xml = writeAdhocQueryRequest({
      kind: 'AdhocQueryRequest',
      queryId: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
      returnType: 'LeafClass',
      parameters: [
        { name: '$XDSDocumentEntryPatientId', values: ["'P^^^&1.2&ISO'"], path: '' },
        { name: '$XDSDocumentEntryEventCodeList', values: ["('CT^^^1.2.840.10008.2.16.4')"], path: '' },
      ],
      path: '',
    });
    const r = readEbrimXml(xml);
    expect(r.ok && r.message.kind === 'AdhocQueryRequest' && r.message.parameters.map((p) => p.name)).toEqual([
      '$XDSDocumentEntryPatientId',
      '$XDSDocumentEntryEventCodeList',
    ]);
  });

  test('returns not-ebrim for an unknown root', () => {
    expect(readEbrimXml('<foo/>')).toMatchObject({ ok: false, error: { code: 'not-ebrim' } });
  });
});
