// ITI-43 Retrieve Document Set and RAD-69 Retrieve Imaging Document Set (repository side).
// Documents go back as MTOM attachments; the status is PartialSuccess when only some were found.
import { readFile } from 'node:fs/promises';
import { STATUS, type DocumentResponse } from '../../protocols/ebrim/index.ts';
import { childOf, childrenOf, NS, type XmlElement } from '../../protocols/xml/index.ts';
import type { Attachment } from '../../protocols/mtom/index.ts';
import type { XdsStore } from '../store/types.ts';
import type { InstanceRecord, WadoStore } from '../wado-rs/store.ts';
import type { XdsConfig } from './config.ts';
import { xdsError, type XdsError } from './errors.ts';

export interface DocRequest {
  repositoryUniqueId: string;
  documentUniqueId: string;
  homeCommunityId?: string;
}

export interface RetrieveResult {
  status: string;
  errors: XdsError[];
  documents: DocumentResponse[];
  attachments: Attachment[];
}

type Source = (uid: string) => Promise<{ mimeType: string; data: Buffer } | undefined>;

export async function retrieve(requests: readonly DocRequest[], source: Source, cfg: XdsConfig): Promise<RetrieveResult> {
  const errors: XdsError[] = [];
  const documents: DocumentResponse[] = [];
  const attachments: Attachment[] = [];
  for (const [i, r] of requests.entries()) {
    if (r.repositoryUniqueId !== cfg.repositoryUniqueId) {
      errors.push(
        xdsError(
          'XDSUnknownRepositoryId',
          `repositoryUniqueId ${r.repositoryUniqueId} is not this repository (${cfg.repositoryUniqueId})`,
          r.documentUniqueId,
        ),
      );
      continue;
    }
    const doc = await source(r.documentUniqueId);
    if (!doc) {
      errors.push(xdsError('XDSDocumentUniqueIdError', `no document with uniqueId ${r.documentUniqueId}`, r.documentUniqueId));
      continue;
    }
    const cid = `doc${i}@mcwg`;
    attachments.push({ contentId: cid, contentType: doc.mimeType, data: doc.data });
    documents.push({
      repositoryUniqueId: r.repositoryUniqueId,
      documentUniqueId: r.documentUniqueId,
      ...(r.homeCommunityId === undefined ? {} : { homeCommunityId: r.homeCommunityId }),
      mimeType: doc.mimeType,
      include: `cid:${cid}`,
      path: '',
    });
  }
  const status = errors.length === 0 ? STATUS.success : documents.length === 0 ? STATUS.failure : STATUS.partialSuccess;
  return { status, errors, documents, attachments };
}

export function storeSource(store: XdsStore): Source {
  return async (uid) => {
    const d = await store.documentContent(uid);
    return d && { mimeType: d.mimeType, data: d.data };
  };
}

const bySop = new WeakMap<WadoStore, Map<string, InstanceRecord>>();

function instanceIndex(w: WadoStore): Map<string, InstanceRecord> {
  let m = bySop.get(w);
  if (!m) {
    m = new Map();
    for (const st of w.studies.values()) for (const se of st.series.values()) for (const [uid, i] of se.instances) m.set(uid, i);
    bySop.set(w, m);
  }
  return m;
}

/** RAD-69: repository documents (the KOS itself) first, then the DICOM instances. */
export function imagingSource(store: XdsStore, imaging: WadoStore | undefined): Source {
  const fromStore = storeSource(store);
  return async (uid) => {
    const hit = await fromStore(uid);
    const inst = hit || !imaging ? undefined : instanceIndex(imaging).get(uid);
    if (hit || !inst) return hit;
    try {
      return { mimeType: 'application/dicom', data: await readFile(inst.path) };
    } catch {
      return undefined;
    }
  };
}

export function readDocRequests(parent: XmlElement): DocRequest[] {
  return childrenOf(parent, NS.xds, 'DocumentRequest').map((d) => {
    const t = (n: string) => childOf(d, NS.xds, n)?.text.trim() ?? '';
    const home = t('HomeCommunityId');
    return {
      repositoryUniqueId: t('RepositoryUniqueId'),
      documentUniqueId: t('DocumentUniqueId'),
      ...(home ? { homeCommunityId: home } : {}),
    };
  });
}

/** xdsi:RetrieveImagingDocumentSetRequest → StudyRequest → SeriesRequest → DocumentRequest. */
export function readImagingRequests(body: XmlElement): DocRequest[] {
  return childrenOf(body, NS.xdsi, 'StudyRequest').flatMap((study) =>
    childrenOf(study, NS.xdsi, 'SeriesRequest').flatMap((series) => readDocRequests(series)),
  );
}
