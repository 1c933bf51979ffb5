// The XDS registry/repository protocol core: a parsed SOAP request in, a SOAP reply out,
// store changes as one transaction. No sockets here (fastify lives in server.ts).
import { XDS_ACTION as ACTION } from '../../protocols/ebrim/constants.ts';
import {
  readEbrim,
  STATUS,
  writeAdhocQueryResponse,
  writeRegistryResponse,
  writeRetrieveDocumentSetResponse,
  type AdhocQueryRequest,
  type SubmitObjectsRequest,
} from '../../protocols/ebrim/index.ts';
import { NS, type XmlElement as XNode } from '../../protocols/xml/index.ts';
import { SoapFaultError, type Envelope } from '../../protocols/soap/index.ts';
import type { Attachment, MtomPart } from '../../protocols/mtom/index.ts';
import { StoreConflictError, type XdsStore } from '../store/types.ts';
import type { XdsConfig } from './config.ts';
import { isError, statusOf, xdsError, XdsFailure, type XdsError } from './errors.ts';
import { statusUrn } from './extract.ts';
import { checkProvide, completeProvide, type CheckedProvide } from './provide.ts';
import { prepareRegister, type Outcome } from './register.ts';
import { imagingSource, readDocRequests, readImagingRequests, retrieve, storeSource } from './retrieve.ts';
import { runStoredQuery } from './stored-query.ts';

export { ACTION };

export type Endpoint = 'registry' | 'repository';

export type XdsHandler = (req: XdsRequest, store: XdsStore, cfg: XdsConfig) => Promise<XdsReply>;

/**
 * The simulator's table: one row per SOAP action (shape of the kit's TransactionRow, kept
 * structural so the core stays free of fastify). Adding a transaction is a row here plus its
 * handler; the adapter, the action check and the printed endpoints follow from it.
 */
export interface XdsRow {
  transaction: string;
  alsoServes?: readonly string[];
  path: `/${Endpoint}`;
  soapAction: string;
  handle: XdsHandler;
}

export const XDS_TABLE: readonly XdsRow[] = [
  { transaction: 'ITI-18', path: '/registry', soapAction: ACTION.query, handle: (r, s, c) => storedQuery(r, s, c) },
  { transaction: 'ITI-42', path: '/registry', soapAction: ACTION.register, handle: (r, s, c) => registerDocumentSet(r, s, c) },
  {
    transaction: 'ITI-41',
    alsoServes: ['RAD-68'],
    path: '/repository',
    soapAction: ACTION.provide,
    handle: (r, s, c) => provideAndRegister(r, s, c),
  },
  { transaction: 'ITI-43', path: '/repository', soapAction: ACTION.retrieve, handle: (r, s, c) => retrieveDocumentSet(r, s, c) },
  {
    transaction: 'RAD-69',
    path: '/repository',
    soapAction: ACTION.retrieveImaging,
    handle: (r, s, c) => retrieveImagingDocumentSet(r, s, c),
  },
];

export interface XdsRequest {
  endpoint: Endpoint;
  envelope: Envelope;
  parts: ReadonlyMap<string, MtomPart>;
  exchangeId?: string;
}

export interface XdsReply {
  transaction: string;
  action: string;
  bodyXml: string;
  attachments: Attachment[];
  errors: XdsError[];
}

/** The transaction name an action stands for, for evidence (before the body is read). */
export function transactionOf(action: string | undefined): string {
  return XDS_TABLE.find((r) => r.soapAction === action)?.transaction ?? 'SOAP';
}

/** Checks the action against the rows of the endpoint, then hands the request to its row. */
export async function handleXds(req: XdsRequest, store: XdsStore, cfg: XdsConfig, table: readonly XdsRow[] = XDS_TABLE): Promise<XdsReply> {
  return rowOf(req.endpoint, req.envelope.addressing.action, table).handle(req, store, cfg);
}

/** The row serving `action` at `endpoint`, or the WS-Addressing fault the sender is owed. */
export function rowOf(endpoint: Endpoint, action: string | undefined, table: readonly XdsRow[] = XDS_TABLE): XdsRow {
  if (!action)
    throw new SoapFaultError({
      code: 'Sender',
      subcode: { ns: NS.wsa, local: 'MessageAddressingHeaderRequired' },
      reason: 'wsa:Action header is missing',
    });
  const rows = table.filter((r) => r.path === `/${endpoint}`);
  const row = rows.find((r) => r.soapAction === action);
  if (!row) {
    throw new SoapFaultError({
      code: 'Sender',
      subcode: { ns: NS.wsa, local: 'ActionNotSupported' },
      reason: `action ${action} is not supported at the ${endpoint} endpoint (supported: ${rows.map((r) => r.soapAction).join(', ')})`,
    });
  }
  return row;
}

async function retrieveImagingDocumentSet(req: XdsRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  const body = req.envelope.body;
  if (body.ns !== NS.xdsi || body.name !== 'RetrieveImagingDocumentSetRequest')
    throw wrongBody(ACTION.retrieveImaging, 'xdsi:RetrieveImagingDocumentSetRequest');
  return retrieveReply('RAD-69', await guardedRetrieve(() => retrieve(readImagingRequests(body), imagingSource(store, cfg.imaging), cfg)));
}

async function retrieveDocumentSet(req: XdsRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  const body = req.envelope.body;
  if (body.ns !== NS.xds || body.name !== 'RetrieveDocumentSetRequest') throw wrongBody(ACTION.retrieve, 'xds:RetrieveDocumentSetRequest');
  return retrieveReply('ITI-43', await guardedRetrieve(() => retrieve(readDocRequests(body), storeSource(store), cfg)));
}

/** The ebRIM message of the body, or a Sender fault. */
function ebrimOf(req: XdsRequest) {
  return ebrimOfBody(req.envelope.body);
}

function ebrimOfBody(body: XNode) {
  const read = readEbrim(body);
  if (!read.ok) throw new SoapFaultError({ code: 'Sender', reason: read.error.message });
  return read.message;
}

async function storedQuery(req: XdsRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  const msg = ebrimOf(req);
  if (msg.kind !== 'AdhocQueryRequest') throw wrongBody(ACTION.query, 'query:AdhocQueryRequest');
  return queryReply(msg, store, cfg);
}

async function provideAndRegister(req: XdsRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  return answerProvide(checkProvideRequest(req.envelope.body, req.parts, cfg, req.exchangeId), store);
}

/**
 * ITI-41 / RAD-68 checked as far as it goes without the store: plain data, so a worker thread
 * can prepare it (submission-off-loop.ts) and the event loop answer it with answerProvide.
 * `failed` is the answer already decided (an internal error while checking).
 */
export type PreparedProvide = { transaction: string } & ({ checked: CheckedProvide } | { failed: { ok: false; errors: XdsError[] } });

/** The store-free half of provideAndRegister; throws the same SoapFaultErrors. */
export function checkProvideRequest(
  body: XNode,
  parts: ReadonlyMap<string, MtomPart>,
  cfg: XdsConfig,
  exchangeId: string | undefined,
): PreparedProvide {
  const msg = ebrimOfBody(body);
  if (msg.kind !== 'SubmitObjectsRequest' || body.name !== 'ProvideAndRegisterDocumentSetRequest')
    throw wrongBody(ACTION.provide, 'xds:ProvideAndRegisterDocumentSetRequest');
  const transaction = isImaging(msg) ? 'RAD-68' : 'ITI-41';
  const over = overLimit(msg, cfg, 'XDSRepositoryError');
  if (over) return { transaction, failed: over };
  try {
    return { transaction, checked: checkProvide(msg, parts, cfg, exchangeId) };
  } catch (err) {
    return { transaction, failed: internalError(err, 'XDSRepositoryError') };
  }
}

/** The store half of provideAndRegister: the registry's store checks, the commit, the RegistryResponse. */
export async function answerProvide(p: PreparedProvide, store: XdsStore): Promise<XdsReply> {
  const checked = 'checked' in p ? p.checked : undefined;
  const outcome = checked ? await guarded(() => completeProvide(checked, store), 'XDSRepositoryError') : (p as { failed: Outcome }).failed;
  return submitReply(p.transaction, `${ACTION.provide}Response`, outcome, store, 'XDSRepositoryError');
}

async function registerDocumentSet(req: XdsRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  const msg = ebrimOf(req);
  if (msg.kind !== 'SubmitObjectsRequest') throw wrongBody(ACTION.register, 'lcm:SubmitObjectsRequest');
  const over = overLimit(msg, cfg, 'XDSRegistryError');
  if (over) return submitReply('ITI-42', `${ACTION.register}Response`, over, store, 'XDSRegistryError');
  const registered = await guarded(
    () =>
      prepareRegister(
        { request: msg, role: 'registry', ...(req.exchangeId === undefined ? {} : { exchangeId: req.exchangeId }) },
        store,
        cfg,
      ),
    'XDSRegistryError',
  );
  return submitReply('ITI-42', `${ACTION.register}Response`, registered, store, 'XDSRegistryError');
}

/** The refusal of a submission with more DocumentEntries than the simulator takes (a cheap check, before validation). */
function overLimit(
  msg: SubmitObjectsRequest,
  cfg: XdsConfig,
  code: 'XDSRegistryError' | 'XDSRepositoryError',
): { ok: false; errors: XdsError[] } | undefined {
  const n = msg.objects.documentEntries.length;
  if (n <= cfg.maxEntries) return undefined;
  const ctx = `the submission has ${n} DocumentEntries; this simulator takes at most ${cfg.maxEntries} per submission (mcwg simulate xds --max-entries); nothing was stored`;
  return { ok: false, errors: [xdsError(code, ctx)] };
}

const isImaging = (m: SubmitObjectsRequest) => m.objects.documentEntries.some((d) => d.mimeType === 'application/dicom');

function wrongBody(action: string, expected: string): SoapFaultError {
  return new SoapFaultError({ code: 'Sender', reason: `action ${action} needs a ${expected} body` });
}

/** A store outage is an XDS error in the response, never a crash. */
async function guarded(fn: () => Promise<Outcome>, code: 'XDSRegistryError' | 'XDSRepositoryError'): Promise<Outcome> {
  try {
    return await fn();
  } catch (err) {
    return internalError(err, code);
  }
}

function internalError(err: unknown, code: 'XDSRegistryError' | 'XDSRepositoryError'): { ok: false; errors: XdsError[] } {
  return { ok: false, errors: [xdsError(code, `internal error: ${err instanceof Error ? err.message : String(err)}`)] };
}

async function submitReply(
  transaction: string,
  action: string,
  outcome: Outcome,
  store: XdsStore,
  internal: 'XDSRegistryError' | 'XDSRepositoryError',
): Promise<XdsReply> {
  let errors: XdsError[];
  if (!outcome.ok) errors = outcome.errors;
  else {
    errors = outcome.warnings;
    try {
      await store.commit(outcome.submission);
    } catch (err) {
      // Races with a concurrent submission end here: the transaction rolled back whole.
      if (err instanceof StoreConflictError) {
        errors = [
          err.kind === 'not-approved'
            ? xdsError('XDSRegistryDeprecatedDocumentError', err.message)
            : xdsError('XDSDuplicateUniqueIdInRegistry', err.message),
          ...errors,
        ];
      } else
        errors = [xdsError(internal, `store failed; nothing was saved: ${err instanceof Error ? err.message : String(err)}`), ...errors];
    }
  }
  return { transaction, action, bodyXml: writeRegistryResponse({ status: statusOf(errors), errors }), attachments: [], errors };
}

async function queryReply(q: AdhocQueryRequest, store: XdsStore, cfg: XdsConfig): Promise<XdsReply> {
  const action = `${ACTION.query}Response`;
  const empty = {
    documentEntries: [],
    submissionSets: [],
    folders: [],
    associations: [],
    objectRefs: [],
    unclassifiedPackages: [],
    path: '',
  };
  try {
    const r = await runStoredQuery(q, store, cfg.maxResults);
    const objects =
      q.returnType === 'ObjectRef'
        ? {
            ...empty,
            objectRefs: [...r.submissionSets, ...r.folders, ...r.documents, ...r.associations].map((o) => ({ id: o.entryUuid, path: '' })),
          }
        : {
            ...empty,
            submissionSets: r.submissionSets.map((s) => ({ ...s.object, status: statusUrn(s.status) })),
            folders: r.folders.map((f) => ({ ...f.object, status: statusUrn(f.status) })),
            documentEntries: r.documents.map((d) => ({ ...d.object, status: statusUrn(d.status) })),
            associations: r.associations.map((a) => ({ ...a.object, status: statusUrn(a.status) })),
          };
    return {
      transaction: 'ITI-18',
      action,
      bodyXml: writeAdhocQueryResponse({ kind: 'AdhocQueryResponse', status: STATUS.success, objects, errors: [], path: '' }),
      attachments: [],
      errors: [],
    };
  } catch (err) {
    const errors =
      err instanceof XdsFailure
        ? err.errors
        : [xdsError('XDSRegistryError', `internal error: ${err instanceof Error ? err.message : String(err)}`)];
    return {
      transaction: 'ITI-18',
      action,
      bodyXml: writeAdhocQueryResponse({
        kind: 'AdhocQueryResponse',
        status: statusOf(errors),
        objects: empty,
        errors: errors.map((e) => ({ ...e, path: '' })),
        path: '',
      }),
      attachments: [],
      errors,
    };
  }
}

type Retrieved = Awaited<ReturnType<typeof retrieve>>;

async function guardedRetrieve(fn: () => Promise<Retrieved>): Promise<Retrieved> {
  try {
    return await fn();
  } catch (err) {
    const errors = [xdsError('XDSRepositoryError', `internal error: ${err instanceof Error ? err.message : String(err)}`)];
    return { status: STATUS.failure, errors, documents: [], attachments: [] };
  }
}

function retrieveReply(transaction: string, r: Retrieved): XdsReply {
  const bodyXml = writeRetrieveDocumentSetResponse({
    kind: 'RetrieveDocumentSetResponse',
    response: { kind: 'RegistryResponse', status: r.status, errors: r.errors.map((e) => ({ ...e, path: '' })), path: '' },
    documents: r.documents,
    path: '',
  });
  return { transaction, action: `${ACTION.retrieve}Response`, bodyXml, attachments: r.attachments, errors: r.errors.filter(isError) };
}
