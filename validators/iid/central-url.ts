// IID-004: with a centrally hosted viewer, the link is the viewer's base plus IID parameters
// taken from the report's metadata: its referenceIdList studies (or accession numbers when it
// names no study) and its patientId, as a CX the viewer can match (RAD-106 patientID).
import { DE, externalIdOf, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { REF_TYPE, referenceIds } from '../metadata/entries.ts';
import { IID_PATH } from './iid-url.ts';

export type CentralUrl = { ok: true; url: string } | { ok: false; reason: string };

export function centralViewerUrl(base: string, entry: DocumentEntry): CentralUrl {
  const refs = referenceIds(entry);
  const studies = refs.filter((r) => r.type === REF_TYPE.study).map((r) => r.id);
  const accessions = refs.filter((r) => r.type === REF_TYPE.accession).map((r) => r.id);
  if (studies.length === 0 && accessions.length === 0)
    return { ok: false, reason: 'the entry names neither a study UID nor an accession number in referenceIdList' };
  const q = new URLSearchParams({ requestType: 'STUDY' });
  if (studies.length > 0) q.set('studyUID', studies.join(','));
  else q.set('accessionNumber', accessions.join(','));
  const patient = externalIdOf(entry, DE.patientId)?.value;
  if (patient) q.set('patientID', patient);
  return { ok: true, url: `${base.replace(/\/+$/, '')}/${IID_PATH}?${q.toString()}` };
}
