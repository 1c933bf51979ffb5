// XDS registry/repository: ITI-41 submissions per second (one KOS with 200 references each,
// validators on, over HTTP + MTOM, 8 concurrent, to `mcwg simulate xds` in its own process) and ITI-18 FindDocuments p50/p95 with
// 100,000 entries. Peer: the same work straight on the store in the same run (the commit of
// the same prepared submission; the same FindDocuments SQL on the same file), so the ratio is
// the protocol's overhead.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { conformantSubmission } from '../fixtures/builders/ebrim-submission.ts';
import { toBytes } from '../fixtures/builders/kos-fixtures.ts';
import { buildManifest } from '../fixtures/builders/kos.ts';
import { exampleStudy } from '../fixtures/builders/kos-example.ts';
import { STATUS, type SubmitObjectsRequest } from '../protocols/ebrim/index.ts';
import { withFreshIds } from '../simulators/clients/fresh-ids.ts';
import { param, rawParam, storedQuery } from '../simulators/clients/xds-consumer.ts';
import { provideAndRegister, provideCall } from '../simulators/clients/xds-source.ts';
import { encodeSoapRequest } from '../simulators/clients/xds-soap.ts';
import { findDocumentsSql } from '../simulators/store/find-documents-sql.ts';
import { openStore } from '../simulators/store/open-store.ts';
import type { DocumentEntryRecord, Submission, XdsStore } from '../simulators/store/types.ts';
import { xdsConfig } from '../simulators/xds/config.ts';
import { prepareProvide } from '../simulators/xds/provide.ts';
import { startXds } from '../simulators/xds/server.ts';
import { spawnXds } from '../simulators/xds/spawn-cli.ts';
import { QUERY } from '../simulators/xds/stored-query.ts';
import type { Bench, BenchRow } from './harness.ts';

const SUBMISSIONS = 400;
const CONCURRENCY = 8;
const ENTRIES = 100_000;
const PATIENTS = 1_000;
const QUERIES = 300;

export function kos200(): Buffer {
  const study = exampleStudy();
  const s0 = study.series[0]!;
  s0.instances = Array.from({ length: 200 }, (_, i) => ({
    sopClassUid: s0.instances[0]!.sopClassUid,
    sopInstanceUid: `${s0.seriesInstanceUid}.${i + 1}`,
    instanceNumber: String(i + 1),
  }));
  study.series = [s0];
  return toBytes(
    buildManifest(study, {
      retrieveBase: 'http://127.0.0.1/dicom-web',
      retrieveLocationUid: '1.2.3.4',
      sopInstanceUid: '2.25.1',
      seriesInstanceUid: '2.25.2',
    }),
  );
}

function kosSubmission(kos: Buffer, root: string): SubmitObjectsRequest {
  const req = withFreshIds(conformantSubmission(1), root);
  const de = req.objects.documentEntries[0]!;
  de.slots = de.slots.filter((s) => s.name !== 'hash' && s.name !== 'size');
  req.documents = [{ id: de.id, content: new Uint8Array(kos), path: '' }];
  return req;
}

/** User + system CPU of a process so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function post(url: string, contentType: string, body: Buffer, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function submissionRate(log: (l: string) => void, kos: Buffer): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-bench-xds-'));
  // The simulator runs as `mcwg simulate xds` in its own process, as a SUT would meet it.
  const sim = await spawnXds(['--port', '0', '--data', dir, '--accept-any-patient']);
  const url = sim.repository;
  for (let i = 0; i < 20; i++) await provideAndRegister(url, kosSubmission(kos, `2.25.9${i}`), () => undefined);
  // Bodies are encoded before the clock starts: the figure is the simulator's, not our client's.
  const bodies = await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, i) => encodeSoapRequest(provideCall(url, kosSubmission(kos, `2.25.1${i}`)))),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  let failures = 0;
  const cpu0 = cpuMs(sim.child.pid!);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SUBMISSIONS) {
        const b = bodies[next++]!;
        const reply = await post(url, b.contentType, b.body, agent);
        if (!reply.includes(`status="${STATUS.success}"`)) failures++;
      }
    }),
  );
  agent.destroy();
  const ours = SUBMISSIONS / ((performance.now() - t0) / 1000);
  const cpuPer = (cpuMs(sim.child.pid!) - cpu0) / SUBMISSIONS;
  sim.child.kill('SIGTERM');
  await sim.exited;
  if (failures) log(`${failures} submissions failed`);

  // Peer: commits of the same prepared submissions, no HTTP, SOAP, MTOM or validation.
  const direct = await openStore(`sqlite:${join(dir, 'direct.sqlite')}`);
  const prepared: Submission[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const o = await prepareProvide(kosSubmission(kos, `2.25.2${i}`), new Map(), direct, xdsConfig({ acceptAnyPatient: true }));
    if (o.ok) prepared.push(o.submission);
  }
  const t1 = performance.now();
  for (const s of prepared) await direct.commit(s);
  const peer = prepared.length / ((performance.now() - t1) / 1000);
  await direct.close();
  rmSync(dir, { recursive: true, force: true });
  log(`KOS of ${kos.length} bytes, 200 references; ${SUBMISSIONS} submissions, ${CONCURRENCY} concurrent`);
  // CPU per submission does not depend on what else runs on the machine; wall-clock rate does.
  const note = `simulator CPU ${cpuPer.toFixed(2)} ms per submission = ${(1000 / cpuPer).toFixed(0)}/s per core; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;
  return [
    {
      name: 'ITI-41 submissions (KOS, 200 refs, SQLite)',
      ours,
      peer,
      peerName: 'store commit alone',
      unit: 'submissions/s',
      better: 'higher',
      target: 150,
      note,
    },
  ];
}

/** 100,000 entries over 1,000 patients; a tenth are MR, the rest CT. */
async function seed(store: XdsStore): Promise<void> {
  const ss = conformantSubmission(1).objects.submissionSets[0]!;
  for (let p = 0; p < PATIENTS; p++) {
    const pid = `P${p}^^^&1.2.3.4&ISO`;
    const ssUuid = `urn:uuid:00000000-0000-4000-8000-${String(p).padStart(12, '0')}`;
    const entries: DocumentEntryRecord[] = [];
    for (let k = 0; k < ENTRIES / PATIENTS; k++) {
      const uuid = `urn:uuid:10000000-${String(p).padStart(4, '0')}-4000-8000-${String(k).padStart(12, '0')}`;
      entries.push({
        entryUuid: uuid,
        uniqueId: `2.25.${p}.${k}`,
        logicalId: uuid,
        patientId: pid,
        status: 'Approved',
        objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
        mimeType: 'application/dicom',
        hash: 'a'.repeat(40),
        size: 1000,
        repositoryUniqueId: '1.2.3',
        creationTime: `2024${String((k % 12) + 1).padStart(2, '0')}01`,
        serviceStartTime: `2024${String((k % 12) + 1).padStart(2, '0')}01`,
        classCode: { code: 'imaging-study', scheme: '2.999.1.1' },
        formatCode: { code: '1.2.840.10008.5.1.4.1.1.88.59', scheme: '1.2.840.10008.2.6.1' },
        confidentialityCodes: [{ code: 'N', scheme: '2.16.840.1.113883.5.25' }],
        eventCodes: [
          { code: k % 10 === 0 ? 'MR' : 'CT', scheme: '1.2.840.10008.2.16.4' },
          { code: '67734004', scheme: '2.16.840.1.113883.6.96' },
        ],
        referenceIds: [`2.25.${p}.${k}.9^^^^urn:ihe:iti:xds:2016:studyInstanceUID`],
        authorPersons: [],
        submissionSetUuid: ssUuid,
        object: {
          kind: 'DocumentEntry',
          id: uuid,
          objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
          mimeType: 'application/dicom',
          slots: [{ name: 'creationTime', values: ['20240101'], path: '' }],
          classifications: [],
          externalIdentifiers: [
            {
              id: `${uuid}-u`,
              scheme: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
              registryObject: uuid,
              value: `2.25.${p}.${k}`,
              path: '',
            },
          ],
          path: '',
        },
      });
    }
    await store.commit({
      submissionSet: {
        entryUuid: ssUuid,
        uniqueId: `2.25.9.${p}`,
        patientId: pid,
        sourceId: '1.2',
        submissionTime: '20240101',
        authorPersons: [],
        status: 'Approved',
        object: { ...ss, id: ssUuid },
      },
      documentEntries: entries,
      folders: [],
      associations: [],
      documents: [],
      deprecate: [],
      findings: [],
    });
  }
}

async function findDocumentsLatency(log: (l: string) => void): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-bench-find-'));
  const file = join(dir, 'find.sqlite');
  const store = await openStore(`sqlite:${file}`);
  const t0 = performance.now();
  await seed(store);
  log(`seeded ${ENTRIES} entries for ${PATIENTS} patients in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const sim = await startXds({ store, config: xdsConfig({ acceptAnyPatient: true }) });
  const url = `${sim.url}/xds/registry`;
  const pidOf = (i: number) => `P${(i * 7919) % PATIENTS}^^^&1.2.3.4&ISO`;
  const http: number[] = [];
  let hits = 0;
  for (let i = 0; i < QUERIES + 30; i++) {
    const t = performance.now();
    const r = await storedQuery(
      url,
      QUERY.FindDocuments,
      [
        rawParam('$XDSDocumentEntryPatientId', `'${pidOf(i)}'`),
        param('$XDSDocumentEntryStatus', STATUS.approved),
        param('$XDSDocumentEntryEventCodeList', 'MR^^^1.2.840.10008.2.16.4'),
        rawParam('$XDSDocumentEntryServiceStartTimeFrom', '20240101'),
      ],
      () => undefined,
    );
    if (i >= 30) http.push(performance.now() - t);
    hits = r.response?.objects.documentEntries.length ?? -1;
  }
  await sim.stop();
  const db = new Database(file, { readonly: true });
  const sql: number[] = [];
  for (let i = 0; i < QUERIES + 30; i++) {
    const q = findDocumentsSql({
      patientId: pidOf(i),
      statuses: ['Approved'],
      eventCodeGroups: [['MR^^^1.2.840.10008.2.16.4']],
      serviceStartTimeFrom: '20240101',
    });
    const t = performance.now();
    db.prepare(q.sql).all(...q.params);
    if (i >= 30) sql.push(performance.now() - t);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  http.sort((a, b) => a - b);
  sql.sort((a, b) => a - b);
  log(`${QUERIES} FindDocuments over HTTP, ${hits} entries each (LeafClass)`);
  return [
    {
      name: 'ITI-18 FindDocuments p50 (100,000 entries)',
      ours: pct(http, 50),
      peer: pct(sql, 50),
      peerName: 'same SQL directly',
      unit: 'ms',
      better: 'lower',
    },
    {
      name: 'ITI-18 FindDocuments p95 (100,000 entries)',
      ours: pct(http, 95),
      peer: pct(sql, 95),
      peerName: 'same SQL directly',
      unit: 'ms',
      better: 'lower',
      target: 25,
    },
  ];
}

const bench: Bench = {
  name: 'xds',
  async run(log) {
    const kos = kos200();
    return [...(await submissionRate(log, kos)), ...(await findDocumentsLatency(log))];
  },
};
export default bench;
