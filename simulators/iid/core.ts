// Image Display core (RAD-106, IHE IID): an IID request in, an HTML page out. Authentication
// comes first, so nothing about a study leaks to an anonymous caller (IID-006); then the
// parameters (400), authorisation (403), the study's WADO-RS metadata (404 when unknown,
// 502 when the source fails) and a viewer page listing every series with rendered
// thumbnails (IID-003, GW-009). Transport-free: the kit mounts it on one route.
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { contentSecurityPolicy, errorPage, viewerPage } from './page.ts';
import { parseIidParams, type IidParams } from './request.ts';
import { studyView, type ViewerStudy } from './study-view.ts';

export const IID_PATH = '/IHEInvokeImageDisplay';

export interface IidHttpRequest {
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
}

export interface IidHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Authentication = { ok: true; user: string } | { ok: false; status: 401 | 403; reason: string };

export interface ImageDisplayOptions {
  /** Who is calling (e.g. an IUA bearer token check); 401 without valid credentials. */
  authenticate(headers: IidHttpRequest['headers']): Authentication | Promise<Authentication>;
  /** Whether that user may see these studies; 403 when not. Default: everyone authenticated may. */
  authorize?(user: string, params: IidParams): boolean | Promise<boolean>;
  /** WADO-RS /studies/{uid}/metadata of the source; undefined for an unknown study. */
  metadata(studyUid: string): Promise<readonly DicomJson[] | undefined>;
  /** Study UIDs for an accession number, where the display can look them up. */
  studiesByAccession?(accession: string): Promise<string[]>;
  /** Study UIDs of a patient (requestType=PATIENT), where the display offers it. */
  studiesOfPatient?(patientId: string): Promise<string[]>;
  /** DICOMweb base the thumbnails load from (/rendered); relative (same origin) or absolute. */
  wadoBase: string;
}

export async function invokeImageDisplay(req: IidHttpRequest, o: ImageDisplayOptions): Promise<IidHttpResponse> {
  try {
    return await handle(req, o);
  } catch (err) {
    return page(500, 'Internal error', `The viewer failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function handle(req: IidHttpRequest, o: ImageDisplayOptions): Promise<IidHttpResponse> {
  if (!req.path.endsWith(IID_PATH)) return page(404, 'Not found', `Not an IID endpoint: ${req.path.slice(0, 200)}`);
  const who = await o.authenticate(req.headers);
  if (!who.ok) {
    const challenge = who.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="mcwg-iid"' } : {};
    return page(who.status, who.status === 401 ? 'Authentication required' : 'Forbidden', who.reason, challenge);
  }
  const parsed = parseIidParams(req.query);
  if (!parsed.ok) return page(400, 'Bad request', parsed.message);
  const p = parsed.params;
  if (o.authorize && !(await o.authorize(who.user, p))) return page(403, 'Forbidden', `User ${who.user} may not view these images`);
  const uids = await studyUidsOf(p, o);
  if (typeof uids === 'string') return page(400, 'Bad request', uids);
  const found: ViewerStudy[] = [];
  const missing: string[] = [];
  for (const uid of uids) {
    let md: readonly DicomJson[] | undefined;
    try {
      md = await o.metadata(uid);
    } catch (err) {
      return page(502, 'Image source unavailable', `Could not read study ${uid}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const view = md && md.length > 0 ? studyView(uid, md, o.wadoBase) : undefined;
    // A study of another patient than the one named is treated as not found: never show it.
    if (view && (!p.patientId || samePatient(p.patientId, view.patientId))) found.push(view);
    else missing.push(uid);
  }
  if (found.length === 0) return page(404, 'Study not found', `No study to show for ${describe(p)}`);
  const quality = p.diagnosticQuality ? 'diagnostic' : 'review';
  const images = imageOrigin(o.wadoBase);
  return {
    status: 200,
    headers: { ...COMMON, 'Content-Security-Policy': contentSecurityPolicy(images) },
    body: viewerPage(found, missing, quality, images),
  };
}

async function studyUidsOf(p: IidParams, o: ImageDisplayOptions): Promise<string[] | string> {
  if (p.requestType === 'PATIENT') {
    if (!o.studiesOfPatient) return 'requestType=PATIENT is not offered by this display';
    return o.studiesOfPatient(p.patientId!);
  }
  if (p.studyUids.length > 0) return p.studyUids;
  if (!o.studiesByAccession) return 'accessionNumber lookup is not offered by this display; give studyUID';
  return (await Promise.all(p.accessionNumbers.map((a) => o.studiesByAccession!(a)))).flat();
}

/** patientID is a CX ('id^^^&oid&ISO'); the study carries the ID alone. */
function samePatient(cx: string, id: string): boolean {
  return cx.split('^')[0] === id;
}

function describe(p: IidParams): string {
  return p.requestType === 'PATIENT' ? `patient ${p.patientId}` : [...p.studyUids, ...p.accessionNumbers].join(', ');
}

function imageOrigin(wadoBase: string): string {
  try {
    return new URL(wadoBase).origin;
  } catch {
    return "'self'";
  }
}

const COMMON = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function page(status: number, title: string, message: string, extra: Record<string, string> = {}): IidHttpResponse {
  return {
    status,
    headers: { ...COMMON, 'Content-Security-Policy': contentSecurityPolicy("'none'"), ...extra },
    body: errorPage(status, title, message),
  };
}
