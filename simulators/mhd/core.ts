// The MHD responder without I/O: (method, path under [base], query, headers, body) ->
// transaction name + status + resource or bytes, with the store changed by ITI-65 only.
import type { XdsStore } from '../store/types.ts';
import { capabilityStatement } from './capability.ts';
import type { MhdConfig } from './config.ts';
import { findDocumentReferences, readDocumentReference, type SearchContext } from './find-document-references.ts';
import { findLists, readList } from './find-lists.ts';
import { cxOfPatientId } from './ids.ts';
import { patientResource } from './served-resources.ts';
import { fail, normalizeError, notFound, type MhdResponse } from './outcomes.ts';
import { prepareBundleBytes } from './bundle-off-loop.ts';
import { provideBundle } from './provide-bundle.ts';
import { searchQuery } from './search-params.ts';
import { retrieveDocument } from './retrieve.ts';

export interface MhdRequest {
  method: string;
  /** Path under the FHIR base, e.g. '/DocumentReference' ('' for the base itself). */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | undefined>>;
  body?: Buffer;
}

export interface MhdContext {
  store: XdsStore;
  cfg: MhdConfig;
  base: string;
  version: string;
  exchangeId?: string;
}

export interface Routed {
  /** e.g. 'ITI-65', 'ITI-67', 'FHIR read' */
  transaction: string;
  response: MhdResponse;
}

const XML = /(^|[/+])xml\b/i;
const JSON_TYPE = /^application\/(fhir\+)?json\b/i;

export async function handle(req: MhdRequest, ctx: MhdContext): Promise<Routed> {
  const route = routeOf(req);
  try {
    return { transaction: route.transaction, response: await route.run(ctx) };
  } catch (err) {
    return { transaction: route.transaction, response: normalizeError(err) };
  }
}

interface Route {
  transaction: string;
  run(ctx: MhdContext): Promise<MhdResponse>;
}

function routeOf(req: MhdRequest): Route {
  const path = req.path.replace(/\/+$/, '');
  const [, type = '', id, extra] = path.split('/');
  const search = (ctx: MhdContext): SearchContext => ({ store: ctx.store, cfg: ctx.cfg, base: ctx.base });
  const get = req.method === 'GET' || req.method === 'HEAD';
  const accept = req.headers['accept'];
  const format = req.query.get('_format') ?? '';
  // XML is refused the same way everywhere except ITI-68, where Accept picks the document.
  if (type !== 'Binary' && (XML.test(format) || (accept && XML.test(accept) && !/json|\*\/\*/i.test(accept)))) {
    return fixed(
      'FHIR',
      fail(406, { code: 'not-supported', diagnostics: 'this responder answers in FHIR JSON only (application/fhir+json)' }),
    );
  }
  if (req.method === 'POST' && type === '') {
    return {
      transaction: 'ITI-65',
      run: async (ctx) => {
        const refused = contentTypeProblem(req);
        if (refused) return unreadable(req, refused);
        const prepared = await prepareBundleBytes(req.body ?? Buffer.alloc(0), ctx.cfg, ctx.exchangeId);
        return provideBundle(prepared, ctx.store, ctx.cfg, ctx.exchangeId);
      },
    };
  }
  const searchOf = (resource: string): URLSearchParams | MhdResponse => {
    if (get) return req.query;
    const ct = req.headers['content-type'] ?? '';
    if (!/^application\/x-www-form-urlencoded/i.test(ct))
      return fail(415, {
        code: 'not-supported',
        diagnostics: `POST ${resource}/_search takes application/x-www-form-urlencoded; found ${ct || 'no Content-Type'}`,
      });
    const merged = new URLSearchParams(req.query);
    for (const [k, v] of new URLSearchParams(req.body?.toString('utf8') ?? '')) merged.append(k, v);
    return merged;
  };
  const searchRoute = (transaction: string, resource: string, run: typeof findLists): Route => ({
    transaction,
    run: async (ctx) => {
      const p = searchOf(resource);
      if (!(p instanceof URLSearchParams)) return p;
      return run(searchQuery(p), search(ctx), `${ctx.base}/${resource}?${p.toString()}`);
    },
  });
  const isSearch = (get && id === undefined) || (req.method === 'POST' && id === '_search' && extra === undefined);
  switch (type) {
    case '':
      // The base takes the ITI-65 transaction only (no whole-system search or history here).
      return notAllowed(req, ['POST']);
    case 'metadata':
      return get
        ? { transaction: 'FHIR capabilities', run: (ctx) => Promise.resolve({ status: 200, resource: capabilityStatement(ctx.version) }) }
        : notAllowed(req, READ);
    case 'DocumentReference':
      if (isSearch) return searchRoute('ITI-67', 'DocumentReference', findDocumentReferences);
      if (get && id && !extra) return { transaction: 'FHIR read', run: (ctx) => readDocumentReference(id, search(ctx)) };
      return notAllowed(req, allowOf(id, extra));
    case 'List':
      if (isSearch) return searchRoute('ITI-66', 'List', findLists);
      if (get && id && !extra) return { transaction: 'FHIR read', run: (ctx) => readList(id, search(ctx)) };
      return notAllowed(req, allowOf(id, extra));
    case 'Binary':
      if (get && id && !extra) return { transaction: 'ITI-68', run: (ctx) => retrieveDocument(id, accept, ctx.store) };
      return notAllowed(req, READ);
    case 'Patient': {
      if (!get) return notAllowed(req, READ);
      const cx = id && !extra && get ? cxOfPatientId(id) : undefined;
      return fixed('FHIR read', cx ? { status: 200, resource: patientResource(cx) } : notFound(`Patient/${id ?? ''} is not known`));
    }
    default:
      return fixed(
        'FHIR',
        notFound(`${req.method} ${path || '/'}: this MHD responder serves DocumentReference, List, Binary, Patient and metadata`),
      );
  }
}

const READ = ['GET', 'HEAD'] as const;

/** What a searchable type's path serves: the type (search), [type]/_search (POST search), [type]/[id] (read). */
const allowOf = (id: string | undefined, extra: string | undefined): readonly string[] =>
  id === '_search' && extra === undefined ? ['POST'] : READ;

const fixed = (transaction: string, response: MhdResponse): Route => ({ transaction, run: () => Promise.resolve(response) });

/** RFC 9110 15.5.6: a 405 names the methods the resource does serve in Allow. */
function notAllowed(req: MhdRequest, allow: readonly string[]): Route {
  const res = fail(405, { code: 'not-supported', diagnostics: `${req.method} ${req.path} is not supported; ${allow.join(', ')} are` });
  return fixed('FHIR', { ...res, headers: { allow: allow.join(', ') } });
}

/** Why an ITI-65 body's media type is refused, if it is (the JSON itself is read by prepareBundleBytes). */
function contentTypeProblem(req: MhdRequest): 'xml' | 'type' | undefined {
  const ct = req.headers['content-type'] ?? '';
  if (XML.test(ct)) return 'xml';
  if (!JSON_TYPE.test(ct)) return 'type';
  return undefined;
}

function unreadable(req: MhdRequest, why: 'xml' | 'type'): MhdResponse {
  if (why === 'xml')
    return fail(415, {
      code: 'not-supported',
      diagnostics: 'application/fhir+xml is not supported by this recipient; send application/fhir+json',
    });
  return fail(415, {
    code: 'not-supported',
    diagnostics: `ITI-65 takes application/fhir+json; found ${req.headers['content-type'] ?? 'no Content-Type'}`,
  });
}
