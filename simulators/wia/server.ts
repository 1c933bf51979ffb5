// The WIA facade as a kit simulator: a DICOMweb service for local viewers under /wia/dicom-web.
// QIDO-RS rows are answered from the registry's manifests of the one patient the query names
// (WIA-002..004, WIA-006); WADO-RS rows are forwarded to the source the manifest names and
// streamed back unchanged (WIA-005). Studies learnt from a patient query are remembered, so the
// viewer's next calls by Study Instance UID (series, retrieve) need no patient again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DicomWebError } from '../../protocols/dicomweb/index.ts';
import { defineSimulator, type Answer, type HttpContext, type HttpSimulator, type TransactionRow } from '../kit/http.ts';
import type { WiaBackend } from './backend.ts';
import { proxyTarget } from './proxy.ts';
import { answerQido } from './qido.ts';
import { wiaRecords } from './records.ts';
import { ISSUER_KEYS, PATIENT_ID_KEYS } from './scope.ts';
import { indexStudies, type WiaOptions, type WiaStudy } from './studies.ts';

export const WIA_PREFIX = '/wia/dicom-web';

export interface WiaFacadeOptions {
  backend: WiaBackend;
  /** Issuer OID of the affinity domain: a PatientID without issuer is taken as issued by it. */
  issuerOid: string;
  /** Retrieve Location UID -> DICOMweb base, for manifests that name no Retrieve URL. */
  locations?: Readonly<Record<string, string>>;
  procedureSchemes?: WiaOptions['procedureSchemes'];
  /** Deadline of one forwarded WADO-RS request. */
  sourceTimeoutMs?: number;
}

type Kind = 'qido' | 'wado';

const ROWS: readonly TransactionRow<Kind>[] = [
  { transaction: 'QIDO-RS', path: '/studies', handle: 'qido' },
  { transaction: 'QIDO-RS', path: '/series', print: false, handle: 'qido' },
  { transaction: 'QIDO-RS', path: '/instances', print: false, handle: 'qido' },
  { transaction: 'QIDO-RS', path: '/studies/:study/series', print: false, handle: 'qido' },
  { transaction: 'QIDO-RS', path: '/studies/:study/instances', print: false, handle: 'qido' },
  { transaction: 'QIDO-RS', path: '/studies/:study/series/:series/instances', print: false, handle: 'qido' },
  { transaction: 'RAD-107', path: '/studies/:study', print: '', handle: 'wado' },
  { transaction: 'RAD-107', path: '/studies/:study/series/:series', print: false, handle: 'wado' },
  { transaction: 'RAD-107', path: '/studies/:study/series/:series/instances/:instance', print: false, handle: 'wado' },
  { transaction: 'WADO-RS metadata', path: '/studies/:study/metadata', print: false, handle: 'wado' },
  { transaction: 'WADO-RS metadata', path: '/studies/:study/series/:series/metadata', print: false, handle: 'wado' },
  { transaction: 'WADO-RS metadata', path: '/studies/:study/series/:series/instances/:instance/metadata', print: false, handle: 'wado' },
];

const errorAnswer = (e: DicomWebError): Answer => ({
  status: e.status,
  contentType: 'text/plain; charset=utf-8',
  body: `${e.status} ${e.message}\n`,
});

export type WiaFacade = HttpSimulator<Kind> & { studies: ReadonlyMap<string, WiaStudy> };

export function wiaFacadeSimulator(o: WiaFacadeOptions): WiaFacade {
  const studies = new Map<string, WiaStudy>();
  const timeout = o.sourceTimeoutMs ?? 60_000;

  /** The studies of the patient the query names, fresh from the registry; remembered by UID. */
  async function learn(params: URLSearchParams, ctx: HttpContext): Promise<Map<string, WiaStudy>> {
    const ids = PATIENT_ID_KEYS.flatMap((k) => params.getAll(k));
    // Not one literal ID: nothing to ask the registry; answerQido refuses it (WIA-006).
    if (ids.length !== 1 || /[*?,\\]/.test(ids[0]!) || ids[0]!.trim() === '') return new Map();
    const issuer =
      ISSUER_KEYS.map((k) => params.get(k))
        .find((v) => v)
        ?.replace(/^urn:oid:/, '') ?? o.issuerOid;
    const entries = await o.backend.findEntries(`${ids[0]!.trim()}^^^&${issuer}&ISO`);
    const { records } = await wiaRecords(entries, (uid) => o.backend.content(uid));
    const found = indexStudies(records, { baseUrl: ctx.base(), ...(o.procedureSchemes ? { procedureSchemes: o.procedureSchemes } : {}) });
    for (const [uid, s] of found) studies.set(uid, s);
    return found;
  }

  const serve = (rows: readonly TransactionRow<Kind>[], ctx: HttpContext) => async (req: FastifyRequest, reply: FastifyReply) => {
    const started = Date.now();
    const row = rows[0]!;
    const ex = ctx.begin(req, row.transaction);
    const url = new URL(req.url, 'http://facade');
    const path = url.pathname.slice(url.pathname.indexOf(WIA_PREFIX) + WIA_PREFIX.length);
    try {
      if (row.handle === 'qido') {
        const pool = path.startsWith('/studies/') ? studies : await learn(url.searchParams, ctx);
        const r = answerQido(path, url.searchParams, pool, { baseUrl: ctx.base() });
        if (!r.ok) return ctx.answer(reply, ex, errorAnswer(r.error), started, r.error.message);
        if (r.body.length === 0) return ctx.answer(reply, ex, { status: 204, contentType: 'application/dicom+json', body: '' }, started);
        return ctx.answer(
          reply,
          ex,
          {
            status: 200,
            contentType: 'application/dicom+json',
            body: JSON.stringify(r.body),
            ...(r.warnings.length ? { headers: { warning: r.warnings.join(', ') } } : {}),
          },
          started,
        );
      }
      const plan = proxyTarget(path, studies, o.locations);
      if (!plan.ok) return ctx.answer(reply, ex, errorAnswer(plan.error), started, plan.error.message);
      if (plan.targets.length > 1) {
        // Re-framing several multipart answers into one is not done: the viewer asks per series.
        const e = {
          status: 501,
          message: `study ${path.split('/')[2]} is spread over ${plan.targets.length} series at several sources; retrieve it series by series`,
        };
        return ctx.answer(reply, ex, errorAnswer(e), started, e.message);
      }
      const target = plan.targets[0]!;
      const accept = req.headers.accept;
      const up = await fetch(target.url, { headers: accept ? { accept } : {}, signal: AbortSignal.timeout(timeout) }).catch(
        (err: unknown) => err as Error,
      );
      if (up instanceof Error) {
        const e = { status: 502, message: `source ${target.url} did not answer: ${up.message}` };
        return ctx.answer(reply, ex, errorAnswer(e), started, e.message);
      }
      const body = Buffer.from(await up.arrayBuffer());
      return ctx.answer(
        reply,
        ex,
        { status: up.status, contentType: up.headers.get('content-type') ?? 'application/octet-stream', body },
        started,
      );
    } catch (err) {
      const e = { status: 502, message: `registry or source failed: ${err instanceof Error ? err.message : String(err)}` };
      return ctx.answer(reply, ex, errorAnswer(e), started, e.message);
    }
  };

  return {
    ...defineSimulator<Kind>({
      name: 'wia',
      prefix: WIA_PREFIX,
      rows: ROWS,
      serve,
      errorAnswer: (e) =>
        errorAnswer(
          e.status === 404
            ? {
                status: 404,
                message: `no DICOMweb resource at ${e.method} ${e.url} (QIDO-RS studies/series/instances, WADO-RS retrieve and metadata)`,
              }
            : { status: e.status, message: e.message },
        ),
    }),
    studies,
  };
}
