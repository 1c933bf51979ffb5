// ITI-68 Retrieve Document (MHD 4.2 ITI TF-2 3.68): the exact stored bytes under their own
// Content-Type. Binary/{id} is the attachment.url ITI-67 hands out; a client asking for
// FHIR JSON gets the bytes wrapped in a Binary resource (FHIR R4 binary.html#rest).
import type { Binary } from 'fhir/r4.js';
import type { XdsStore } from '../store/types.ts';
import { entryUuidOf } from './ids.ts';
import { fail, notFound, type MhdResponse } from './outcomes.ts';

export async function retrieveDocument(id: string, accept: string | undefined, store: XdsStore): Promise<MhdResponse> {
  const uuid = entryUuidOf(id);
  const [entry] = uuid ? await store.documentsByUuid([uuid]) : [];
  if (!entry) return notFound(`no document with id ${id}`);
  if (entry.status === 'Deprecated') return fail(410, { code: 'deleted', diagnostics: `document ${entry.uniqueId} is deprecated` });
  const doc = await store.documentContent(entry.uniqueId);
  if (!doc) return notFound(`document ${entry.uniqueId} is registered but its content is not held here`);
  const wanted = acceptable(accept, doc.mimeType);
  if (wanted === 'binary') {
    const binary: Binary = { resourceType: 'Binary', id, contentType: doc.mimeType, data: doc.data.toString('base64') };
    return { status: 200, resource: binary };
  }
  if (wanted === 'none')
    return fail(406, { code: 'not-supported', diagnostics: `the document is ${doc.mimeType}; Accept ${accept} does not allow it` });
  return { status: 200, bytes: doc.data, contentType: doc.mimeType, headers: { etag: `"${doc.hash}"` } };
}

/** 'raw' for the document's own type (or any), 'binary' for a FHIR Binary, 'none' otherwise. */
function acceptable(accept: string | undefined, mime: string): 'raw' | 'binary' | 'none' {
  if (!accept) return 'raw';
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase());
  const [type] = mime.toLowerCase().split('/');
  if (ranges.some((r) => r === mime.toLowerCase() || r === '*/*' || r === `${type}/*`)) return 'raw';
  if (ranges.some((r) => r === 'application/fhir+json' || r === 'application/json')) return 'binary';
  return 'none';
}
