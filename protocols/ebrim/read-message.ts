// Reads an ebRS 3.0 / XDS.b message from parsed XML: a SOAP 1.2 envelope is unwrapped to its
// Body's first element. Unknown shapes come back as an error value, never a throw.
import { readRegistryObjectList, readSlots, type PreRead } from './read-objects.ts';
import type {
  AdhocQueryRequest,
  AttachedDocument,
  DocumentRequest,
  DocumentResponse,
  EbrimMessage,
  RegistryError,
  RegistryResponse,
  RetrieveDocumentSetRequest,
  SubmitObjectsRequest,
} from './model.ts';
import { childOf, childrenOf, NS, parseXml, type XmlElement, type XmlError, type XmlLimits } from '../xml/index.ts';

export type EbrimReadResult =
  | { ok: true; message: EbrimMessage; root: XmlElement }
  | { ok: false; error: XmlError | { code: 'not-ebrim'; message: string; path: string } };

export function readEbrimXml(input: string | Uint8Array, limits?: Partial<XmlLimits>): EbrimReadResult {
  const x = parseXml(input, limits);
  if (!x.ok) return x;
  return readEbrim(x.root);
}

export function readEbrim(root: XmlElement, pre?: PreRead): EbrimReadResult {
  const el = unwrapSoap(root);
  if (!el) return { ok: false, error: { code: 'not-ebrim', message: 'the SOAP Body is empty', path: root.path } };
  const message = readElement(el, pre);
  if (!message) {
    return {
      ok: false,
      error: { code: 'not-ebrim', message: `{${el.ns}}${el.name} is not an ebRS/XDS.b message this tool reads`, path: el.path },
    };
  }
  return { ok: true, message, root: el };
}

/** The SOAP 1.2 Body's first element, or the element itself when it is no envelope. */
export function unwrapSoap(root: XmlElement): XmlElement | undefined {
  if (root.ns !== NS.soap12 || root.name !== 'Envelope') return root;
  return childOf(root, NS.soap12, 'Body')?.children[0];
}

function readElement(el: XmlElement, pre: PreRead | undefined): EbrimMessage | undefined {
  if (el.ns === NS.lcm && el.name === 'SubmitObjectsRequest') return readSubmit(el, pre);
  if (el.ns === NS.xds && el.name === 'ProvideAndRegisterDocumentSetRequest') {
    const sor = childOf(el, NS.lcm, 'SubmitObjectsRequest');
    const base: SubmitObjectsRequest = sor
      ? readSubmit(sor, pre)
      : {
          kind: 'SubmitObjectsRequest',
          objects: readRegistryObjectList(undefined, `${el.path}/lcm:SubmitObjectsRequest`),
          path: `${el.path}/lcm:SubmitObjectsRequest`,
        };
    base.documents = childrenOf(el, NS.xds, 'Document').map((d, i, all) =>
      readDocument(d, all.length > 1 ? `${el.path}/xds:Document[${i + 1}]` : d.path),
    );
    return base;
  }
  if (el.ns === NS.rs && el.name === 'RegistryResponse') return readRegistryResponse(el);
  if (el.ns === NS.query && el.name === 'AdhocQueryResponse') {
    return {
      kind: 'AdhocQueryResponse',
      status: el.attrs['status'] ?? '',
      objects: readRegistryObjectList(childOf(el, NS.rim, 'RegistryObjectList'), `${el.path}/rim:RegistryObjectList`, pre),
      errors: readErrors(el),
      path: el.path,
    };
  }
  if (el.ns === NS.query && el.name === 'AdhocQueryRequest') return readQuery(el);
  if (el.ns === NS.xds && el.name === 'RetrieveDocumentSetRequest') {
    const r: RetrieveDocumentSetRequest = {
      kind: 'RetrieveDocumentSetRequest',
      requests: childrenOf(el, NS.xds, 'DocumentRequest').map(readDocRequest),
      path: el.path,
    };
    return r;
  }
  if (el.ns === NS.xds && el.name === 'RetrieveDocumentSetResponse') {
    const rr = childOf(el, NS.rs, 'RegistryResponse');
    return {
      kind: 'RetrieveDocumentSetResponse',
      response: rr
        ? readRegistryResponse(rr)
        : { kind: 'RegistryResponse', status: '', errors: [], path: `${el.path}/rs:RegistryResponse` },
      documents: childrenOf(el, NS.xds, 'DocumentResponse').map((d): DocumentResponse => {
        const doc = childOf(d, NS.xds, 'Document');
        const att = doc ? readDocument(doc, doc.path) : undefined;
        return {
          ...readDocRequest(d),
          mimeType: text(d, 'mimeType'),
          ...(att?.content ? { content: att.content } : {}),
          ...(att?.include ? { include: att.include } : {}),
        };
      }),
      path: el.path,
    };
  }
  return undefined;
}

function readSubmit(el: XmlElement, pre?: PreRead): SubmitObjectsRequest {
  return {
    kind: 'SubmitObjectsRequest',
    objects: readRegistryObjectList(childOf(el, NS.rim, 'RegistryObjectList'), `${el.path}/rim:RegistryObjectList`, pre),
    path: el.path,
  };
}

function readDocument(d: XmlElement, path: string): AttachedDocument {
  const inc = childOf(d, NS.xop, 'Include');
  const doc: AttachedDocument = { id: d.attrs['id'] ?? '', path };
  if (inc) doc.include = inc.attrs['href'] ?? '';
  else doc.content = Buffer.from(d.text, 'base64');
  return doc;
}

function readRegistryResponse(el: XmlElement): RegistryResponse {
  return { kind: 'RegistryResponse', status: el.attrs['status'] ?? '', errors: readErrors(el), path: el.path };
}

function readErrors(el: XmlElement): RegistryError[] {
  const list = childOf(el, NS.rs, 'RegistryErrorList');
  if (!list) return [];
  return childrenOf(list, NS.rs, 'RegistryError').map((e) => ({
    errorCode: e.attrs['errorCode'] ?? '',
    codeContext: e.attrs['codeContext'] ?? '',
    severity: e.attrs['severity'] ?? '',
    ...(e.attrs['location'] === undefined ? {} : { location: e.attrs['location'] }),
    path: e.path,
  }));
}

function readQuery(el: XmlElement): AdhocQueryRequest {
  const opt = childOf(el, NS.query, 'ResponseOption');
  const q = childOf(el, NS.rim, 'AdhocQuery');
  const r: AdhocQueryRequest = {
    kind: 'AdhocQueryRequest',
    queryId: q?.attrs['id'] ?? '',
    returnType: opt?.attrs['returnType'] ?? '',
    parameters: q ? readSlots(q, q.path) : [],
    path: el.path,
  };
  if (opt?.attrs['returnComposedObjects'] !== undefined) r.returnComposedObjects = opt.attrs['returnComposedObjects'] === 'true';
  if (q?.attrs['home'] !== undefined) r.home = q.attrs['home'];
  return r;
}

function readDocRequest(d: XmlElement): DocumentRequest {
  const r: DocumentRequest = {
    repositoryUniqueId: text(d, 'RepositoryUniqueId'),
    documentUniqueId: text(d, 'DocumentUniqueId'),
    path: d.path,
  };
  const home = childOf(d, NS.xds, 'HomeCommunityId');
  if (home) r.homeCommunityId = home.text;
  return r;
}

function text(el: XmlElement, name: string): string {
  return childOf(el, NS.xds, name)?.text ?? '';
}
