// RAD-106 request parameters as the Image Display reads them (IHE RAD IID): requestType STUDY
// with studyUID (comma-separated list) or accessionNumber, or PATIENT with patientID;
// viewerType, diagnosticQuality and keyImagesOnly are display preferences. A bad request is
// a 400 page naming the parameter, never a blank viewer.
export interface IidParams {
  requestType: 'STUDY' | 'PATIENT';
  studyUids: string[];
  accessionNumbers: string[];
  patientId?: string;
  viewerType?: string;
  diagnosticQuality: boolean;
  keyImagesOnly: boolean;
}

export type ParsedIid = { ok: true; params: IidParams } | { ok: false; message: string };

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function parseIidParams(q: URLSearchParams): ParsedIid {
  const requestType = q.get('requestType');
  if (requestType === null) return { ok: false, message: 'requestType is missing (STUDY or PATIENT)' };
  if (requestType !== 'STUDY' && requestType !== 'PATIENT')
    return { ok: false, message: `requestType must be STUDY or PATIENT, not '${requestType}'` };
  const list = (k: string) =>
    q
      .getAll(k)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const studyUids = list('studyUID');
  const accessionNumbers = list('accessionNumber');
  const bad = studyUids.find((u) => u.length > 64 || !UID.test(u));
  if (bad !== undefined) return { ok: false, message: `studyUID '${bad.slice(0, 80)}' is not a DICOM UID` };
  if (requestType === 'STUDY' && studyUids.length === 0 && accessionNumbers.length === 0)
    return { ok: false, message: 'a STUDY request needs studyUID or accessionNumber' };
  const patientId = q.get('patientID') ?? undefined;
  if (requestType === 'PATIENT' && !patientId) return { ok: false, message: 'a PATIENT request needs patientID' };
  const flags: Record<string, boolean> = {};
  for (const k of ['diagnosticQuality', 'keyImagesOnly']) {
    const v = q.get(k);
    if (v !== null && v !== 'true' && v !== 'false') return { ok: false, message: `${k} must be true or false, not '${v.slice(0, 20)}'` };
    flags[k] = v === 'true';
  }
  const viewerType = q.get('viewerType') ?? undefined;
  return {
    ok: true,
    params: {
      requestType,
      studyUids,
      accessionNumbers,
      diagnosticQuality: flags['diagnosticQuality']!,
      keyImagesOnly: flags['keyImagesOnly']!,
      ...(patientId ? { patientId } : {}),
      ...(viewerType ? { viewerType } : {}),
    },
  };
}
