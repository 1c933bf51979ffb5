// IHE IID (RAD-106 Invoke Image Display) request URLs, parsed into plain values. The request is
// an HTTP GET on {base}/IHEInvokeImageDisplay; list parameters (studyUID, accessionNumber)
// carry comma-separated values. Parameter names are case-sensitive, as in the profile.
export const IID_PATH = 'IHEInvokeImageDisplay';

export const IID_PARAMS = [
  'requestType',
  'patientID',
  'studyUID',
  'accessionNumber',
  'viewerType',
  'diagnosticQuality',
  'keyImagesOnly',
  'lowerDateTime',
  'upperDateTime',
  'mostRecentResults',
  'modalitiesInStudy',
] as const;

export const BOOLEAN_PARAMS = ['diagnosticQuality', 'keyImagesOnly'] as const;

export type IidUrl =
  | {
      ok: true;
      /** Everything before /IHEInvokeImageDisplay (or the whole path when that is missing). */
      base: string;
      hasIidPath: boolean;
      /** Query parameters by name, each value as written (decoded); repeated names keep all. */
      params: Map<string, string[]>;
      requestType: string | undefined;
      studyUids: string[];
      accessionNumbers: string[];
      patientId: string | undefined;
    }
  | { ok: false; reason: string };

export function parseIidUrl(text: string): IidUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: `'${text}' is not an absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
  const params = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  const hasIidPath = url.pathname.endsWith(`/${IID_PATH}`);
  const base = url.origin + (hasIidPath ? url.pathname.slice(0, -IID_PATH.length - 1) : url.pathname);
  return {
    ok: true,
    base,
    hasIidPath,
    params,
    requestType: params.get('requestType')?.[0],
    studyUids: listParam(params, 'studyUID'),
    accessionNumbers: listParam(params, 'accessionNumber'),
    patientId: params.get('patientID')?.[0],
  };
}

function listParam(params: Map<string, string[]>, name: string): string[] {
  return (params.get(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A URL that claims to be a viewer link: IID path or IID parameters, in any letter case. */
export function looksLikeIid(text: string): boolean {
  return /IHEInvokeImageDisplay|[?&]requestType=/i.test(text);
}

/** Builds an IID STUDY request (reference SUTs, fixtures and the central-viewer case, IID-004). */
export function iidStudyUrl(base: string, studyUids: readonly string[], extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ requestType: 'STUDY', studyUID: studyUids.join(','), ...extra });
  return `${base.replace(/\/+$/, '')}/${IID_PATH}?${q.toString()}`;
}
