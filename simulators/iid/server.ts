// The Image Display as a kit simulator: RAD-106 (IHE IID) at /iid/IHEInvokeImageDisplay, the
// viewer page of the core over the WADO-RS source behind it (study metadata read by WADO-RS;
// thumbnails load from the source's /rendered). Who may look is decided by `authenticate`,
// e.g. an IUA bearer check against a JWKS (bearerAuthentication), before anything about a
// study is read (IID-006).
import type { ConnectionOptions } from 'node:tls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkBearer, type VerifierOptions } from '../auth/index.ts';
import { httpsFetch } from '../tls/https-fetch.ts';
import { defineSimulator, type HttpContext, type HttpSimulator } from '../kit/http.ts';
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { IID_PATH, invokeImageDisplay, type Authentication, type ImageDisplayOptions } from './core.ts';
import { errorPage } from './page.ts';

export const IID_PREFIX = '/iid';

export interface ImageDisplaySimulatorOptions {
  /**
   * DICOMweb base of the WADO-RS source the viewer shows studies from: absolute, or a path on
   * this same server (e.g. '/dicom-web' with our WADO-RS simulator mounted beside it), which the
   * browser then loads thumbnails from as same-origin.
   */
  source: string;
  authenticate: ImageDisplayOptions['authenticate'];
  authorize?: ImageDisplayOptions['authorize'];
  sourceTimeoutMs?: number;
}

/** An IUA bearer check (RFC 6750): a valid token of the trusted issuer for this audience. */
export function bearerAuthentication(v: VerifierOptions): ImageDisplayOptions['authenticate'] {
  return async (headers): Promise<Authentication> => {
    const d = await checkBearer(headers['authorization'], { realm: 'mcwg-iid', ...v });
    return d.ok ? { ok: true, user: String(d.claims.sub) } : { ok: false, status: d.status, reason: d.reason };
  };
}

/**
 * WADO-RS metadata of a study from the source; undefined when the source does not know it.
 * `tls`: the viewer's TLS client options (CA, client certificate) for an https:// source.
 */
export function sourceMetadata(
  source: string,
  timeoutMs = 30_000,
  tls?: ConnectionOptions,
): (uid: string) => Promise<readonly DicomJson[] | undefined> {
  return async (uid) => {
    const url = `${source.replace(/\/+$/, '')}/studies/${uid}/metadata`;
    const init = { headers: { accept: 'application/dicom+json' }, signal: AbortSignal.timeout(timeoutMs) };
    // Node 20's fetch takes no TLS options: a custom CA or mutual TLS goes through httpsFetch.
    const res = tls ? (await httpsFetch(url, init, tls)).response : await fetch(url, init);
    if (res.status === 404 || res.status === 204) return undefined;
    if (res.status !== 200) throw new Error(`WADO-RS source answered ${res.status}`);
    return (await res.json()) as DicomJson[];
  };
}

export function imageDisplaySimulator(o: ImageDisplaySimulatorOptions): HttpSimulator<'view'> {
  const base = o.source.replace(/\/+$/, '');
  const serve = (_rows: unknown, ctx: HttpContext) => async (req: FastifyRequest, reply: FastifyReply) => {
    const started = Date.now();
    const options: ImageDisplayOptions = {
      authenticate: o.authenticate,
      ...(o.authorize ? { authorize: o.authorize } : {}),
      metadata: sourceMetadata(base.startsWith('/') ? `${ctx.serverUrl()}${base}` : base, o.sourceTimeoutMs),
      wadoBase: base,
    };
    const ex = ctx.begin(req, 'RAD-106');
    const url = new URL(req.url, 'http://display');
    const r = await invokeImageDisplay(
      { path: url.pathname, query: url.searchParams, headers: req.headers as Record<string, string | undefined> },
      options,
    );
    const { 'Content-Type': contentType = 'text/html; charset=utf-8', ...headers } = r.headers;
    return ctx.answer(
      reply,
      ex,
      { status: r.status, contentType, body: r.body, headers },
      started,
      r.status >= 400 ? `HTTP ${r.status}` : undefined,
    );
  };
  return defineSimulator<'view'>({
    name: 'iid',
    prefix: IID_PREFIX,
    rows: [{ transaction: 'RAD-106', path: IID_PATH, print: `${IID_PATH}?requestType=STUDY&studyUID=…`, handle: 'view' }],
    serve,
    errorAnswer: (e) => ({
      status: e.status,
      contentType: 'text/html; charset=utf-8',
      body: errorPage(
        e.status,
        e.status === 404 ? 'Not found' : 'Error',
        e.status === 404
          ? `Not an IID endpoint: ${e.url.slice(0, 200)}; use ${IID_PREFIX}${IID_PATH}?requestType=STUDY&studyUID=…`
          : e.message,
      ),
    }),
  });
}
