// IID-002: each viewer link is a RAD-106 request: {base}/IHEInvokeImageDisplay, requestType
// STUDY or PATIENT, a STUDY request names studyUID or accessionNumber, a PATIENT request a
// patientID; studyUIDs are DICOM UIDs, boolean parameters are true/false.
import type { Rule, RuleHit } from '../../rule.ts';
import { isDicomUid } from '../../hl7v2/datatypes.ts';
import { BOOLEAN_PARAMS, IID_PARAMS, IID_PATH, parseIidUrl } from '../iid-url.ts';
import type { IidView, Located } from '../view.ts';

export const iidUrlShape: Rule<IidView, unknown> = {
  id: 'iid.url.shape',
  reqIds: ['IID-002'],
  severity: 'error',
  title: 'Viewer links are IHE IID requests ({base}/IHEInvokeImageDisplay?requestType=...)',
  check(view) {
    return view.links.flatMap(shapeHits);
  },
};

function shapeHits(link: Located): RuleHit[] {
  const u = parseIidUrl(link.value);
  const hit = (message: string): RuleHit => ({ path: link.path, message });
  if (!u.ok) return [hit(`Viewer link does not parse: ${u.reason}`)];
  const out: RuleHit[] = [];
  if (!u.hasIidPath) out.push(hit(`Viewer link path must end with /${IID_PATH}; found ${new URL(link.value).pathname}`));
  // Names are case-sensitive: a viewer ignores 'studyUid', so the study would not open.
  for (const name of u.params.keys()) {
    const meant = IID_PARAMS.find((p) => p !== name && p.toLowerCase() === name.toLowerCase());
    if (meant) out.push(hit(`Parameter '${name}' must be spelled '${meant}'`));
  }
  if (u.requestType === undefined) out.push(hit('requestType is missing (STUDY or PATIENT)'));
  else if (u.requestType !== 'STUDY' && u.requestType !== 'PATIENT')
    out.push(hit(`requestType must be STUDY or PATIENT; found '${u.requestType}'`));
  if (u.requestType === 'STUDY' && u.studyUids.length === 0 && u.accessionNumbers.length === 0)
    out.push(hit('A STUDY request needs studyUID or accessionNumber; neither is present'));
  if (u.requestType === 'PATIENT' && !u.patientId) out.push(hit('A PATIENT request needs patientID'));
  for (const uid of u.studyUids) if (!isDicomUid(uid)) out.push(hit(`studyUID '${uid}' is not a DICOM UID`));
  for (const name of BOOLEAN_PARAMS) {
    const v = u.params.get(name)?.[0];
    if (v !== undefined && v !== 'true' && v !== 'false') out.push(hit(`${name} must be true or false; found '${v}'`));
  }
  return out;
}
