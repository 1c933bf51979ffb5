// Where the facade reads the sharing infrastructure: the registry's approved entries of one
// patient and a document's bytes. Over the wire (ITI-18 FindDocuments, ITI-43 for each
// manifest: how a facade in front of a real affinity domain works), or straight from a local
// XDS store (the facade mounted beside our own registry on one port).
import type { Exchange } from '../../model/exchange.ts';
import { DE, STATUS, externalIdOf, slotValues, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import type { XdsStore } from '../store/types.ts';
import { statusUrn } from '../xds/extract.ts';
import { QUERY } from '../xds/stored-query.ts';

export interface WiaBackend {
  /** Approved DocumentEntries of one patient (CX with the affinity domain's issuer). */
  findEntries(patientCx: string): Promise<DocumentEntry[]>;
  content(uniqueId: string): Promise<Uint8Array | undefined>;
}

export function storeBackend(store: XdsStore): WiaBackend {
  return {
    async findEntries(patientCx) {
      const docs = await store.findDocuments({ patientId: patientCx, statuses: ['Approved'] });
      return docs.map((d) => ({ ...d.object, status: statusUrn(d.status) }));
    },
    content: async (uid) => (await store.documentContent(uid))?.data,
  };
}

export interface RegistryBackendOptions {
  registry: string;
  repository: string;
  /** The facade's own outgoing calls, as evidence. */
  record?: (e: Exchange) => void;
}

export function registryBackend(o: RegistryBackendOptions): WiaBackend {
  const record = o.record ?? (() => undefined);
  // uniqueId -> repositoryUniqueId, learnt from the entries ITI-18 returned.
  const repos = new Map<string, string>();
  return {
    async findEntries(patientCx) {
      const r = await storedQuery(
        o.registry,
        QUERY.FindDocuments,
        [param('$XDSDocumentEntryPatientId', patientCx), param('$XDSDocumentEntryStatus', STATUS.approved)],
        record,
      );
      if (!r.response) throw new Error(`registry ${o.registry}: ${r.call.ok ? 'not an AdhocQueryResponse' : r.call.error}`);
      if (r.response.status === STATUS.failure)
        throw new Error(`registry ${o.registry}: ${r.response.errors.map((e) => e.errorCode).join(', ')}`);
      for (const e of r.response.objects.documentEntries) {
        const uid = externalIdOf(e, DE.uniqueId)?.value;
        const repo = slotValues(e, 'repositoryUniqueId')[0];
        if (uid && repo) repos.set(uid, repo);
      }
      return r.response.objects.documentEntries;
    },
    async content(uid) {
      const repo = repos.get(uid);
      if (!repo) return undefined;
      const r = await retrieveDocuments(o.repository, [{ documentUniqueId: uid, repositoryUniqueId: repo }], record);
      return r.documents.find((d) => d.documentUniqueId === uid)?.data;
    },
  };
}
