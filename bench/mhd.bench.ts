// ITI-67 search against the same FindDocuments query sent as ITI-18, both over HTTP on
// loopback to simulators sharing one SQLite store of 100,000 DocumentEntries (issue 7:
// ITI-67 p95 within 1.5x of ITI-18).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformantDocumentEntry, conformantSubmissionSet } from '../fixtures/builders/ebrim-submission.ts';
import { DE, SS, STATUS, type DocumentEntry, type RegistryObject } from '../protocols/ebrim/index.ts';
import { findDocumentReferences } from '../simulators/clients/mhd-consumer.ts';
import { param, storedQuery } from '../simulators/clients/xds-consumer.ts';
import { mhdConfig } from '../simulators/mhd/config.ts';
import { startMhd } from '../simulators/mhd/index.ts';
import { openStore } from '../simulators/store/open-store.ts';
import type { XdsStore } from '../simulators/store/types.ts';
import { xdsConfig } from '../simulators/xds/config.ts';
import { documentEntryRecord, submissionSetRecord } from '../simulators/xds/extract.ts';
import { startXds } from '../simulators/xds/server.ts';
import { QUERY } from '../simulators/xds/stored-query.ts';
import type { Bench, BenchRow } from './harness.ts';

const TOTAL = 100_000;
const PATIENTS = 1_000;
const MODALITIES = ['CT', 'MR', 'US', 'CR', 'DX'];
const ROUNDS = 300;
const DCM = '1.2.840.10008.2.16.4';

const cx = (p: number) => `PAT-${p}^^^&1.2.3.4.5.6.2&ISO`;

function rename<T extends RegistryObject>(o: T, id: string): T {
  return {
    ...o,
    id,
    classifications: o.classifications.map((c) => ({ ...c, classifiedObject: id })),
    externalIdentifiers: o.externalIdentifiers.map((x) => ({ ...x, registryObject: id })),
  };
}

/** One submission per patient, TOTAL / PATIENTS entries each, modality and study date varied. */
async function fill(store: XdsStore, log: (l: string) => void): Promise<void> {
  const perPatient = TOTAL / PATIENTS;
  const t0 = Date.now();
  for (let p = 0; p < PATIENTS; p++) {
    const ssId = `urn:uuid:${randomUUID()}`;
    const ss = rename(conformantSubmissionSet(), ssId);
    ss.status = STATUS.approved;
    for (const x of ss.externalIdentifiers) {
      if (x.scheme === SS.patientId) x.value = cx(p);
      if (x.scheme === SS.uniqueId) x.value = `2.25.9.${p}`;
    }
    const entries = Array.from({ length: perPatient }, (_, i) => {
      const de: DocumentEntry = rename(conformantDocumentEntry(), `urn:uuid:${randomUUID()}`);
      de.status = STATUS.approved;
      for (const x of de.externalIdentifiers) {
        if (x.scheme === DE.patientId) x.value = cx(p);
        if (x.scheme === DE.uniqueId) x.value = `2.25.8.${p}.${i}`;
      }
      const modality = de.classifications.find((c) => c.scheme === DE.eventCodeList && c.nodeRepresentation === 'CT')!;
      modality.nodeRepresentation = MODALITIES[i % MODALITIES.length]!;
      const start = de.slots.find((s) => s.name === 'serviceStartTime')!;
      start.values = [`20${String(10 + (i % 15)).padStart(2, '0')}0315101500`];
      const ref = de.slots.find((s) => s.name === 'urn:ihe:iti:xds:2013:referenceIdList')!;
      ref.values = [`1.2.826.0.1.3680043.10.${p}.${i}^^^^urn:ihe:iti:xds:2016:studyInstanceUID`, ...ref.values.slice(1)];
      return documentEntryRecord(de, ssId);
    });
    await store.commit({
      submissionSet: submissionSetRecord(ss),
      documentEntries: entries,
      documents: [],
      deprecate: [],
      findings: [],
      folders: [],
      associations: entries.map((e) => ({
        entryUuid: `urn:uuid:${randomUUID()}`,
        type: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
        sourceUuid: ssId,
        targetUuid: e.entryUuid,
        status: 'Approved',
        submissionSetUuid: ssId,
        object: { kind: 'Association', id: '', type: '', source: ssId, target: e.entryUuid, slots: [], path: '' },
      })),
    } as Parameters<XdsStore['commit']>[0]);
    if ((p + 1) % 200 === 0) log(`${(p + 1) * perPatient} DocumentEntries stored (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

const bench: Bench = {
  name: `ITI-67 vs ITI-18 search, ${TOTAL.toLocaleString('en')} DocumentEntries on SQLite`,
  async run(log) {
    const dir = await mkdtemp(join(tmpdir(), 'mcwg-bench-mhd-'));
    const store = await openStore(`sqlite:${join(dir, 'store.sqlite')}`);
    try {
      await fill(store, log);
      const cfg = mhdConfig({ xds: xdsConfig({ acceptAnyPatient: true }) });
      const xds = await startXds({ store, config: cfg.xds });
      const mhd = await startMhd({ store, config: cfg, closeStore: false });
      const none = () => undefined;
      const rows: BenchRow[] = [];
      try {
        const scenarios = [
          {
            name: 'modality',
            mhd: { modality: 'CT' },
            xds: [param('$XDSDocumentEntryEventCodeList', `CT^^^${DCM}`)],
            query: QUERY.FindDocuments,
          },
          {
            name: 'study date range',
            mhd: { period: ['ge2012-01-01', 'lt2014-01-01'] },
            xds: [
              { name: '$XDSDocumentEntryServiceStartTimeFrom', values: ['20120101'], path: '' },
              { name: '$XDSDocumentEntryServiceStartTimeTo', values: ['20140101'], path: '' },
            ],
            query: QUERY.FindDocuments,
          },
        ];
        for (const s of scenarios) {
          const times = { mhd: [] as number[], xds: [] as number[] };
          let counts = { mhd: 0, xds: 0 };
          for (let r = 0; r < ROUNDS + 20; r++) {
            const p = (r * 37) % PATIENTS;
            const t1 = performance.now();
            const a = await findDocumentReferences(
              mhd.base,
              { 'patient.identifier': `urn:oid:1.2.3.4.5.6.2|PAT-${p}`, status: 'current', ...s.mhd },
              none,
            );
            const t2 = performance.now();
            const b = await storedQuery(
              `${xds.url}/xds/registry`,
              s.query,
              [param('$XDSDocumentEntryPatientId', cx(p)), param('$XDSDocumentEntryStatus', STATUS.approved), ...s.xds],
              none,
            );
            const t3 = performance.now();
            if (r < 20) continue; // warm-up
            times.mhd.push(t2 - t1);
            times.xds.push(t3 - t2);
            counts = { mhd: a.resource?.total ?? -1, xds: b.response?.objects.documentEntries.length ?? -1 };
          }
          if (counts.xds < 0) throw new Error(`ITI-18 did not answer: ${JSON.stringify(counts)}`);
          log(`${s.name}: ${counts.mhd} DocumentReferences via ITI-67, ${counts.xds} DocumentEntries via ITI-18 per query`);
          const ours = p95(times.mhd);
          const peer = p95(times.xds);
          rows.push({
            name: `ITI-67 p95 (${s.name})`,
            ours,
            peer,
            peerName: 'ITI-18 same query',
            unit: 'ms',
            better: 'lower',
            target: Math.round(15 * peer) / 10,
            note: `ratio ITI-67/ITI-18 ${(ours / peer).toFixed(2)} (target <= 1.5)`,
          });
        }
      } finally {
        await mhd.stop();
        await xds.stop();
      }
      return rows;
    } finally {
      await store.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
