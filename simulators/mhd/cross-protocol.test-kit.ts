// Publish one way, find and retrieve the other, on one shared store (issue: "one store with
// XDS"). Run on SQLite (cross-protocol.test.ts) and PostgreSQL (cross-protocol.int.test.ts);
// the fixture comes in as a parameter so this module stays inside the simulators layer.
import { createHash } from 'node:crypto';
import type { DocumentReference } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { DE, externalIdOf, STATUS, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { validateR4Schema } from '../../protocols/fhir/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { findDocumentReferences, resourcesOf, retrieveDocument } from '../clients/mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../clients/mhd-source.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import type { XdsStore } from '../store/types.ts';
import { xdsConfig } from '../xds/config.ts';
import { startXds, type XdsSimulator } from '../xds/server.ts';
import { QUERY } from '../xds/stored-query.ts';
import { mhdConfig } from './config.ts';
import { startMhd, type MhdSimulator } from './index.ts';

export interface CrossInputs {
  submission: () => SubmitObjectsRequest;
  /** CX of the fixture patient, e.g. PAT-0001^^^&1.2.3.4.5.6.2&ISO */
  patientId: string;
  studyUid: string;
}

export function crossProtocolSuite(name: string, open: () => Promise<XdsStore>, inputs: CrossInputs): void {
  describe(`XDS and MHD over one ${name} store`, () => {
    let xds: XdsSimulator;
    let mhd: MhdSimulator;
    const seen: Exchange[] = [];
    const rec = (e: Exchange) => seen.push(e);
    let seq = 0;
    const fresh = () => withFreshIds(inputs.submission(), `2.25.${Date.now()}${++seq}`);
    const uidOf = (req: SubmitObjectsRequest) => externalIdOf(req.objects.documentEntries[0]!, DE.uniqueId)!.value;
    const [pid, , , aa] = inputs.patientId.split('^');
    const patient = `urn:oid:${aa!.split('&')[1]}|${pid}`;
    const cfg = mhdConfig({ xds: xdsConfig({ knownPatients: new Set([inputs.patientId]) }) });
    const findDocuments = (extra: ReturnType<typeof param>[] = []) =>
      storedQuery(
        `${xds.url}/xds/registry`,
        QUERY.FindDocuments,
        [param('$XDSDocumentEntryPatientId', inputs.patientId), param('$XDSDocumentEntryStatus', STATUS.approved), ...extra],
        rec,
      );

    beforeAll(async () => {
      const store = await open();
      xds = await startXds({ store, config: cfg.xds });
      mhd = await startMhd({ store, config: cfg, closeStore: false });
    }, 60_000);
    afterAll(async () => {
      await mhd?.stop();
      await xds?.stop();
    });

    test('a manifest published with ITI-41 is found with ITI-67 and retrieved with ITI-68', async () => {
      const req = fresh();
      expect((await provideAndRegister(`${xds.url}/xds/repository`, req, rec)).response?.status).toBe(STATUS.success);
      const found = await findDocumentReferences(
        mhd.base,
        { 'patient.identifier': patient, status: 'current', study: inputs.studyUid },
        rec,
      );
      const dr = resourcesOf<DocumentReference>(found.resource, 'DocumentReference').find(
        (d) => d.masterIdentifier?.value === `urn:oid:${uidOf(req)}`,
      );
      expect(dr).toBeDefined();
      expect(validateR4Schema(found.resource)).toEqual([]);
      const doc = await retrieveDocument(dr!.content[0]!.attachment.url!, rec);
      expect(doc.status).toBe(200);
      expect(doc.contentType).toBe('application/dicom');
      expect(doc.data).toEqual(Buffer.from(req.documents![0]!.content!));
    });

    test('a manifest published with ITI-65 is found with ITI-18 and retrieved with ITI-43', async () => {
      const req = fresh();
      const sent = await provideDocumentBundle(mhd.base, bundleFromSubmission(req, cfg.systems), rec);
      expect(sent.outcome).toBeUndefined();
      expect(sent.status).toBe(200);
      const found = await findDocuments();
      const entry = found.response!.objects.documentEntries.find((d) => externalIdOf(d, DE.uniqueId)?.value === uidOf(req));
      expect(entry).toBeDefined();
      const repo = entry!.slots.find((s) => s.name === 'repositoryUniqueId')!.values[0]!;
      const got = await retrieveDocuments(`${xds.url}/xds/repository`, [{ repositoryUniqueId: repo, documentUniqueId: uidOf(req) }], rec);
      const bytes = got.documents[0]!.data!;
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(entry!.slots.find((s) => s.name === 'hash')!.values[0]);
    });

    test.each([
      [{ modality: 'CT' }, ['CT^^^1.2.840.10008.2.16.4']],
      [{ 'anatomic-region': '67734004' }, ['67734004^^^2.16.840.1.113883.6.96']],
    ])('ITI-67 %o finds what the same ITI-18 query finds (MHD-010)', async (mhdParams, events) => {
      const viaMhd = await findDocumentReferences(mhd.base, { 'patient.identifier': patient, status: 'current', ...mhdParams }, rec);
      const viaXds = await findDocuments([param('$XDSDocumentEntryEventCodeList', ...events)]);
      const mhdUids = resourcesOf<DocumentReference>(viaMhd.resource, 'DocumentReference')
        .map((d) => d.masterIdentifier!.value!.replace(/^urn:oid:/, ''))
        .sort();
      const xdsUids = viaXds.response!.objects.documentEntries.map((d) => externalIdOf(d, DE.uniqueId)!.value).sort();
      expect(mhdUids.length).toBeGreaterThan(0);
      expect(mhdUids).toEqual(xdsUids);
    });
  });
}
