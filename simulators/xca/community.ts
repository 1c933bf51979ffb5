// One community behind a responding gateway: its own XDS registry/repository store answers the
// gateway's local ITI-18 and ITI-43 / RAD-69 (the CommunityBackend of responding.ts). Documents
// come back inline (base64 in xds:Document) so the gateway core can stamp and merge them
// without carrying MTOM parts around; the SOAP adapter writes them as they are.
import { STATUS, type AdhocQueryRequest, type AdhocQueryResponse } from '../../protocols/ebrim/index.ts';
import type { XdsStore } from '../store/types.ts';
import type { XdsConfig } from '../xds/config.ts';
import { statusUrn } from '../xds/extract.ts';
import { imagingSource, retrieve, storeSource, type DocRequest } from '../xds/retrieve.ts';
import { runStoredQuery } from '../xds/stored-query.ts';
import { emptyObjectList } from './home.ts';
import type { CommunityBackend, RetrieveAnswer } from './responding.ts';

export interface StoreCommunity extends CommunityBackend {
  /** RAD-69 inside the community (RAD-75 from outside). */
  retrieveImaging(requests: DocRequest[]): Promise<RetrieveAnswer>;
}

export function storeCommunity(homeCommunityId: string, store: XdsStore, cfg: XdsConfig): StoreCommunity {
  const inline = async (r: Awaited<ReturnType<typeof retrieve>>): Promise<RetrieveAnswer> => {
    const data = new Map<string, Buffer>();
    for (const a of r.attachments) data.set(`cid:${a.contentId}`, Buffer.isBuffer(a.data) ? a.data : await collect(a.data));
    const documents = r.documents.map(({ include, ...d }) => ({
      ...d,
      content: new Uint8Array((include && data.get(include)) || Buffer.alloc(0)),
    }));
    return { status: r.status, errors: r.errors, documents };
  };
  return {
    homeCommunityId,
    async query(req: AdhocQueryRequest): Promise<AdhocQueryResponse> {
      const r = await runStoredQuery(req, store, cfg.maxResults);
      const objects = emptyObjectList();
      if (req.returnType === 'ObjectRef') {
        objects.objectRefs = [...r.submissionSets, ...r.folders, ...r.documents].map((o) => ({ id: o.entryUuid, path: '' }));
      } else {
        objects.submissionSets = r.submissionSets.map((s) => ({ ...s.object, status: statusUrn(s.status) }));
        objects.folders = r.folders.map((f) => ({ ...f.object, status: statusUrn(f.status) }));
        objects.documentEntries = r.documents.map((d) => ({ ...d.object, status: statusUrn(d.status) }));
        objects.associations = r.associations.map((a) => ({ ...a.object, status: statusUrn(a.status) }));
      }
      return { kind: 'AdhocQueryResponse', status: STATUS.success, objects, errors: [], path: '' };
    },
    retrieve: async (requests) => inline(await retrieve(requests, storeSource(store), cfg)),
    retrieveImaging: async (requests) => inline(await retrieve(requests, imagingSource(store, cfg.imaging), cfg)),
  };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of chunks) out.push(Buffer.from(c));
  return Buffer.concat(out);
}
