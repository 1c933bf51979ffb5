// The reference Imaging Document Consumer's work, built from our clients: ITI-18 FindDocuments
// with the MCWG filters (xds-consumer), ITI-43 for the manifest, then a WADO-RS retrieve of
// each series at the manifest's Retrieve URL; then the key-images-only view (the manifest read
// again, only the back-referenced images retrieved). A defect changes one thing. `record` sees
// each exchange of its own work (not the TLS probes), for its audits.
import { DE, externalIdOf, STATUS, type Slot } from '../../../../protocols/ebrim/index.ts';
import { param, rawParam, retrieveDocuments, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { getMultipart } from '../../../../simulators/clients/wado-rs-exchange.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import type { SeededXds } from '../../common/imaging-consumer/seeded-xds.ts';
import { viewKeyImages } from '../../common/imaging-consumer/key-images-view.ts';
import type { DefectId } from './defects.ts';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../../../model/exchange.ts';

const P = '$XDSDocumentEntry';
const DCM = '1.2.840.10008.2.16.4';
const noop = () => undefined;
const MAX_BUSY_RETRIES = 3;
const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
/** Retry-After in seconds (the HTTP-date form is not used by our sources); 1 s when absent. */
const retryAfterMs = (v: string | string[] | undefined): number => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isFinite(n) && n >= 0 ? n * 1000 : 1000;
};

/**
 * `overTls`: registries to send the same query to again over TLS (the plan's TLS servers), with
 * the client options to use; refused connections are the point there, not a stop.
 */
export async function consume(
  x: SeededXds,
  defect: DefectId | undefined,
  overTls: readonly { registry: string; tls: ConnectionOptions }[] = [],
  record: (e: Exchange) => void = noop,
): Promise<void> {
  const target = x.studies[0]!;
  const studyRef = `${target.study.studyInstanceUid}^^^^urn:ihe:iti:xds:2016:studyInstanceUID`;
  const params: Slot[] = [];
  if (defect !== 'no-patient-id') params.push(rawParam(`${P}PatientId`, `'${x.patientCx}'`));
  params.push(param(`${P}Status`, STATUS.approved));
  if (defect === 'wrong-study') params.push(rawParam(`${P}ServiceStartTimeFrom`, '20240101000000'));
  else if (defect !== 'over-broad-query')
    params.push(param(`${P}EventCodeList`, `${target.modality}^^^${DCM}`), param(`${P}ReferenceIdList`, studyRef));
  const q = await storedQuery(x.registry, QUERY.FindDocuments, params, record);
  for (const t of overTls) await storedQuery(t.registry, QUERY.FindDocuments, params, noop, 'LeafClass', t.tls);
  const entries = q.response?.objects.documentEntries ?? [];
  const wantUid = defect === 'wrong-study' ? x.studies.find((s) => s.key === 'mr')!.manifestUid : target.manifestUid;
  const entry =
    defect === 'over-broad-query'
      ? entries.find((e) => externalIdOf(e, DE.uniqueId)?.value === target.manifestUid)
      : entries.find((e) => externalIdOf(e, DE.uniqueId)?.value === wantUid);
  if (!entry) return;
  const repositoryUniqueId = entry.slots.find((s) => s.name === 'repositoryUniqueId')?.values[0] ?? '';
  const got = await retrieveDocuments(
    x.repository,
    [
      {
        // Through an initiating gateway the entry's home says which community to ask (absent in architecture A).
        ...(entry.home && defect !== 'xca-drops-home' ? { homeCommunityId: entry.home } : {}),
        repositoryUniqueId,
        documentUniqueId: externalIdOf(entry, DE.uniqueId)!.value,
      },
    ],
    record,
  );
  const bytes = got.documents[0]?.data;
  const facts = bytes && readKos(bytes, 'manifest').facts;
  if (!facts || defect === 'skips-retrieval') return;
  // The second reading (key-images view) is routed like the first: by the entry's home in architecture B.
  const ref = {
    ...(entry.home && defect !== 'xca-drops-home' ? { homeCommunityId: entry.home } : {}),
    repositoryUniqueId,
    documentUniqueId: externalIdOf(entry, DE.uniqueId)!.value,
  };
  const drain = async (part: { body: AsyncIterable<unknown> }) => {
    for await (const _ of part.body) void _;
  };
  const opts = (accept: string) => ({ accept, timeoutMs: 10_000, idleTimeoutMs: 5_000 });
  for (const s of facts.series) {
    if (!s.retrieveUrl) continue;
    if (defect === 'uses-qido')
      await getMultipart(
        `${s.retrieveUrl.replace(/\/studies\/.*$/, '')}/studies?StudyInstanceUID=${facts.studyInstanceUid}`,
        opts('application/dicom+json'),
        async () => undefined,
      );
    if (defect === 'depends-on-metadata') {
      const meta = await getMultipart(`${s.retrieveUrl}/metadata`, opts('application/dicom+json'), async () => undefined);
      if (meta.status !== 200) return;
    }
    const url = s.retrieveUrl;
    const get = () =>
      getMultipart(url, opts(defect === 'bad-accept' ? 'multipart/related; type="image/jpeg"' : PART10_ACCEPT), async (part) =>
        drain(part),
      ).then((r) => {
        record(r.exchange);
        return r;
      });
    // A busy source (503) is asked again after its Retry-After, a few times at most (WADO-010).
    for (let attempt = 0, r = await get(); r.status === 503 && attempt < MAX_BUSY_RETRIES; attempt++) {
      await pause(defect === 'ignores-retry-after' ? 0 : retryAfterMs(r.exchange.response?.headers?.['retry-after']));
      r = await get();
    }
  }
  await keyImagesSession(x, ref, defect, record);
}

/**
 * The key-images-only view (KIN-012/013): the manifest is read again, the flagged images are
 * the back-referenced ones, and each is retrieved alone at instance level from its series'
 * Retrieve URL. The defects open the KIN, or retrieve too much.
 */
async function keyImagesSession(
  x: SeededXds,
  ref: { repositoryUniqueId: string; documentUniqueId: string },
  defect: DefectId | undefined,
  record: (e: Exchange) => void,
): Promise<void> {
  const got = await retrieveDocuments(x.repository, [ref], record);
  await viewKeyImages(got.documents[0]?.data, defect, (url) =>
    getMultipart(url, { accept: PART10_ACCEPT, timeoutMs: 10_000, idleTimeoutMs: 5_000 }, async (part) => {
      for await (const _ of part.body) void _;
    }).then((r) => record(r.exchange)),
  );
}
