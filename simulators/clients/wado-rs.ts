// WADO-RS client checks (RAD-107): given a manifest (or a study UID) and a source's base URL,
// retrieve what the manifest references and check framing, content types, transfer syntax,
// that every referenced instance comes back once and that its UIDs match the manifest.
// With useRetrieveUrls, series and instances are retrieved the MCWG way, from each series'
// Retrieve URL (0008,1190) in the manifest (WADO-014), and those URLs are checked.
import type { Exchange } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import { sortFindings } from '../../model/finding.ts';
import { EXPLICIT_VR_LE } from '../../protocols/dicomweb/index.ts';
import { parseContentType, type MultipartLimits } from '../../protocols/multipart/index.ts';
import type { ManifestFacts } from '../../validators/manifest-facts.ts';
import { seriesTarget } from './wado-rs-retrieve-url.ts';
import { getMultipart, type GetResult } from './wado-rs-exchange.ts';
import { partFacts, type PartFacts } from './wado-rs-part.ts';
import { patientMismatch } from './wado-rs-patient.ts';
import { TagKey } from '../../protocols/dicom/tags.generated.ts';

export type Level = 'study' | 'series' | 'instance';

export interface WadoCheckOptions {
  baseUrl: string;
  manifest?: ManifestFacts;
  /** Without a manifest: the study to retrieve (no instance-set comparison then). */
  studyUid?: string;
  /** Default: every level. */
  levels?: Level[];
  /** Default 120 s per exchange. */
  timeoutMs?: number;
  /** Default 15 s without a byte. */
  idleTimeoutMs?: number;
  headers?: Record<string, string>;
  limits?: MultipartLimits;
  /** https:// with our TLS client options. */
  tls?: import('node:tls').ConnectionOptions;
  /**
   * Retrieve each series (and its instance) from the series' Retrieve URL in the manifest rather
   * than from baseUrl, and check those URLs (KOS-022, KOS-023, WADO-014). The study-level
   * retrieve still uses baseUrl: a manifest has no study-level URL. Default false.
   */
  useRetrieveUrls?: boolean;
  /** Names the manifest in findings about its Retrieve URLs (default 'manifest'). */
  manifestArtefact?: string;
  /** Each returned part, e.g. to compare with a source's files. */
  onPart?: (level: Level, facts: PartFacts) => void;
}

export interface WadoCheckResult {
  findings: Finding[];
  exchanges: Exchange[];
  /** Body bytes received over all exchanges. */
  bytes: number;
}

export const PART10_ACCEPT = `multipart/related; type="application/dicom"; transfer-syntax=${EXPLICIT_VR_LE}`;
const REQ: Record<Level, string> = { study: 'WADO-001', series: 'WADO-002', instance: 'WADO-003' };

export async function checkWadoRs(opts: WadoCheckOptions): Promise<WadoCheckResult> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const studyUid = opts.manifest?.studyInstanceUid ?? opts.studyUid;
  const findings: Finding[] = [];
  const exchanges: Exchange[] = [];
  let bytes = 0;
  if (!studyUid) throw new Error('checkWadoRs needs a manifest or a study UID');
  const levels = new Set(opts.levels ?? ['study', 'series', 'instance']);
  const m = opts.manifest;

  const retrieve = async (level: Level, url: string, expected: Expected): Promise<void> => {
    const parts: PartFacts[] = [];
    const res = await getMultipart(
      url,
      {
        accept: PART10_ACCEPT,
        timeoutMs: opts.timeoutMs ?? 120_000,
        idleTimeoutMs: opts.idleTimeoutMs ?? 15_000,
        ...(opts.headers ? { headers: opts.headers } : {}),
        ...(opts.limits ? { limits: opts.limits } : {}),
        ...(opts.tls ? { tls: opts.tls } : {}),
      },
      async (part) => {
        const f = await partFacts(part);
        parts.push(f);
        opts.onPart?.(level, f);
      },
    );
    exchanges.push(res.exchange);
    bytes += res.bytes;
    findings.push(...checkExchange(level, res, parts, expected, m));
  };

  if (levels.has('study')) {
    await retrieve('study', `${base}/studies/${studyUid}`, {
      study: studyUid,
      instances: m ? m.series.flatMap((s) => s.instances.map((i) => ({ ...i, series: s.seriesInstanceUid }))) : undefined,
    });
  }
  for (const [i, s] of (m?.series ?? []).entries()) {
    let seriesUrl = `${base}/studies/${studyUid}/series/${s.seriesInstanceUid}`;
    if (opts.useRetrieveUrls) {
      const t = seriesTarget(s, i, { base, studyUid, artefact: opts.manifestArtefact ?? 'manifest' });
      findings.push(...t.findings);
      seriesUrl = t.url;
    }
    const ref = s.instances.map((i) => ({ ...i, series: s.seriesInstanceUid }));
    if (levels.has('series')) await retrieve('series', seriesUrl, { study: studyUid, series: s.seriesInstanceUid, instances: ref });
    const first = ref[0];
    if (levels.has('instance') && first) {
      await retrieve('instance', `${seriesUrl}/instances/${first.sopInstanceUid}`, {
        study: studyUid,
        series: s.seriesInstanceUid,
        instances: [first],
        exact: true,
      });
    }
  }
  return { findings: sortFindings(findings), exchanges, bytes };
}

interface Expected {
  study: string;
  series?: string;
  instances: { sopInstanceUid: string; sopClassUid: string; series: string }[] | undefined;
  /** Exactly these instances (an instance retrieve), not a superset. */
  exact?: boolean;
}

function checkExchange(level: Level, res: GetResult, parts: PartFacts[], exp: Expected, m: ManifestFacts | undefined): Finding[] {
  const out: Finding[] = [];
  const artefact = res.exchange.request.summary ?? res.exchange.id;
  const add = (ruleId: string, reqIds: string[], severity: Finding['severity'], path: string, message: string): void => {
    out.push({ ruleId, reqIds, severity, message, location: { artefact, path }, evidence: [res.exchange.id] });
  };
  const req = REQ[level];
  if (res.status === undefined) {
    add('wado.transport', [req, 'GW-012'], 'error', 'HTTP', `no HTTP answer from the source: ${res.failure?.message ?? 'unknown error'}`);
    return out;
  }
  if (res.status !== 200) {
    const retry = res.exchange.response?.headers?.['retry-after'];
    const extra = res.status === 503 ? (retry ? ` (Retry-After: ${retry})` : ' without Retry-After') : '';
    add(
      'wado.retrieve.status',
      res.status === 503 ? [req, 'WADO-010'] : [req],
      'error',
      'HTTP status',
      `expected 200 for a ${level} the manifest references; got ${res.status}${extra}: ${(res.errorText ?? '').trim().slice(0, 200)}`,
    );
    return out;
  }
  const ct = parseContentType(res.contentType);
  if (!ct || ct.mediaType !== 'multipart/related' || (ct.params.type ?? '').toLowerCase() !== 'application/dicom' || !ct.params.boundary) {
    add(
      'wado.response.content-type',
      ['WADO-004'],
      'error',
      'Content-Type',
      `expected multipart/related; type="application/dicom" with a boundary; got ${res.contentType ?? '(none)'}`,
    );
    return out;
  }
  if (res.failure) {
    add(
      'wado.response.framing',
      ['WADO-004', req],
      'error',
      `part[${res.parts}]`,
      `multipart body broken after ${res.parts} part(s), ${res.bytes} bytes: ${res.failure.code}: ${res.failure.message}`,
    );
  }
  for (const p of parts) {
    const path = `part[${p.index}]`;
    if (p.mediaType !== 'application/dicom')
      add(
        'wado.part.content-type',
        ['WADO-004'],
        'error',
        `${path} Content-Type`,
        `expected application/dicom; got ${p.mediaType || '(none)'}`,
      );
    if (!p.hasDicm || p.problem) {
      add(
        'wado.part.part10',
        ['WADO-004'],
        'error',
        path,
        `part is not a complete Part 10 file (${p.hasDicm ? p.problem : "no 'DICM' at byte 128"}), ${p.size} bytes`,
      );
      continue;
    }
    const want = p.tsParam ?? EXPLICIT_VR_LE;
    if (p.transferSyntax !== want || p.transferSyntax !== EXPLICIT_VR_LE) {
      add(
        'wado.part.transfer-syntax',
        ['WADO-005'],
        'error',
        `${path}>${TagKey.TransferSyntaxUID}`,
        `asked for ${EXPLICIT_VR_LE}; part is ${p.transferSyntax ?? '(none)'}, its Content-Type says ${p.tsParam ?? '(default Explicit VR LE)'}`,
      );
    }
    if (p.studyInstanceUid !== exp.study)
      add(
        'wado.uids.study',
        [req],
        'error',
        `${path}>${TagKey.StudyInstanceUID}`,
        `expected Study Instance UID ${exp.study}; got ${p.studyInstanceUid ?? '(none)'}`,
      );
    if (exp.series && p.seriesInstanceUid !== exp.series)
      add(
        'wado.uids.series',
        [req],
        'error',
        `${path}>${TagKey.SeriesInstanceUID}`,
        `instance ${p.sopInstanceUid} is from series ${p.seriesInstanceUid ?? '(none)'}, not the requested ${exp.series}`,
      );
    const mismatch = m ? patientMismatch(p, m) : undefined;
    if (mismatch) add('wado.uids.patient', [req], 'error', `${path}>${TagKey.PatientID}`, mismatch);
  }
  if (!exp.instances) return out;
  const seen = new Map<string, PartFacts[]>();
  // Only readable Part 10 parts count as the instance delivered.
  for (const p of parts)
    if (p.sopInstanceUid && p.hasDicm && !p.problem) seen.set(p.sopInstanceUid, [...(seen.get(p.sopInstanceUid) ?? []), p]);
  const referenced = new Set(exp.instances.map((i) => i.sopInstanceUid));
  for (const ref of exp.instances) {
    const got = seen.get(ref.sopInstanceUid) ?? [];
    if (got.length === 0 && !res.failure)
      add(
        'wado.instances.missing',
        [req],
        'error',
        `(0008,1199) ${ref.sopInstanceUid}`,
        `referenced instance ${ref.sopInstanceUid} (series ${ref.series}) was not returned as a readable Part 10 file`,
      );
    if (got.length > 1)
      add(
        'wado.instances.duplicate',
        [req],
        'error',
        got.map((g) => `part[${g.index}]`).join(','),
        `instance ${ref.sopInstanceUid} returned ${got.length} times`,
      );
    const first = got[0];
    if (first && m && first.seriesInstanceUid !== ref.series && !exp.series)
      add(
        'wado.uids.series',
        [req],
        'error',
        `part[${first.index}]>${TagKey.SeriesInstanceUID}`,
        `instance ${ref.sopInstanceUid} is in series ${first.seriesInstanceUid ?? '(none)'}; the manifest lists it in ${ref.series}`,
      );
    if (first && first.sopClassUid !== ref.sopClassUid)
      add(
        'wado.uids.sop-class',
        [req],
        'warning',
        `part[${first.index}]>${TagKey.SOPClassUID}`,
        `instance ${ref.sopInstanceUid} has SOP Class ${first.sopClassUid ?? '(none)'}; the manifest says ${ref.sopClassUid}`,
      );
  }
  for (const p of parts) {
    // The manifest itself sits in the study on many sources: it references the others, not itself.
    if (p.sopInstanceUid && !referenced.has(p.sopInstanceUid) && p.sopInstanceUid !== m?.sopInstanceUid) {
      add(
        'wado.instances.unreferenced',
        [req],
        exp.exact ? 'error' : 'warning',
        `part[${p.index}]>${TagKey.SOPInstanceUID}`,
        `returned instance ${p.sopInstanceUid} is not ${exp.exact ? 'the one requested' : 'referenced by the manifest'}`,
      );
    }
  }
  return out;
}
