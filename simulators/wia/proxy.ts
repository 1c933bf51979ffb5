// WIA-005: a WADO-RS request to the facade is served from the source named in the manifest:
// the series' Retrieve URL (0008,1190), or its Retrieve Location UID (0040,E011) looked up in
// the deployment's table. This computes where to go; the adapter streams the bytes unchanged.
import type { DicomWebError } from '../../protocols/dicomweb/index.ts';
import type { WiaStudy } from './studies.ts';

export interface ProxyTarget {
  /** Absolute URL at the source, same resource and sub-resource (/metadata, /rendered, /frames/n) as asked. */
  url: string;
  seriesUids: string[];
}

export type ProxyPlan = { ok: true; targets: ProxyTarget[] } | { ok: false; error: DicomWebError };

const PATH = /^\/?studies\/([^/]+)(?:\/series\/([^/]+)(\/instances\/[^/]+)?)?(\/.*)?$/;

/** `locations`: Retrieve Location UID -> DICOMweb base of that source. */
export function proxyTarget(
  path: string,
  studies: ReadonlyMap<string, WiaStudy>,
  locations: Readonly<Record<string, string>> = {},
): ProxyPlan {
  const m = PATH.exec(path);
  if (!m) return { ok: false, error: { status: 404, message: `not a WADO-RS resource: ${path}` } };
  const [, studyUid, seriesUid, instance = '', tail = ''] = m;
  const study = studies.get(studyUid!);
  if (!study) return { ok: false, error: { status: 404, message: `study ${studyUid} not found` } };
  const series = study.series.filter((s) => !seriesUid || s.seriesInstanceUid === seriesUid);
  if (series.length === 0) return { ok: false, error: { status: 404, message: `series ${seriesUid} not found in study ${studyUid}` } };
  const byBase = new Map<string, string[]>();
  for (const s of series) {
    const base = s.retrieveUrl ? baseOf(s.retrieveUrl) : s.retrieveLocationUid ? locations[s.retrieveLocationUid] : undefined;
    if (!base)
      return { ok: false, error: { status: 502, message: `the manifest names no reachable source for series ${s.seriesInstanceUid}` } };
    byBase.set(base, [...(byBase.get(base) ?? []), s.seriesInstanceUid]);
  }
  // One source for the whole request: forward it as asked. Several (a study spread over sources):
  // one request per series, which the adapter concatenates.
  if (byBase.size === 1) {
    const [base, uids] = [...byBase][0]!;
    return {
      ok: true,
      targets: [{ url: `${base}/studies/${studyUid}${seriesUid ? `/series/${seriesUid}${instance}` : ''}${tail}`, seriesUids: uids }],
    };
  }
  return {
    ok: true,
    targets: [...byBase].flatMap(([base, uids]) =>
      uids.map((u) => ({ url: `${base}/studies/${studyUid}/series/${u}${tail}`, seriesUids: [u] })),
    ),
  };
}

/** The DICOMweb base of a Retrieve URL: everything before /studies/. */
function baseOf(retrieveUrl: string): string | undefined {
  const i = retrieveUrl.indexOf('/studies/');
  return i > 0 ? retrieveUrl.slice(0, i) : undefined;
}
