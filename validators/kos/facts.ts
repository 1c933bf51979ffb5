// ManifestFacts from a parsed KOS: the plain values other validators compare against.
import type { DataSet } from '../../protocols/dicom/data-set.ts';
import type { CodedValue, ManifestFacts, PatientIdentifier } from '../manifest-facts.ts';
import { codeOf, evidenceSeries, titleOf, type KosView } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

function patientId(v: KosView, ds: DataSet): PatientIdentifier {
  const p: PatientIdentifier = { id: v.d.str(ds, Tag.PatientID) ?? '' };
  const issuer = v.d.str(ds, Tag.IssuerOfPatientID);
  if (issuer !== undefined) p.issuer = issuer;
  const q = v.d.items(ds, Tag.IssuerOfPatientIDQualifiersSequence)[0];
  const oid = q && v.d.str(q, Tag.UniversalEntityID);
  const type = q && v.d.str(q, Tag.UniversalEntityIDType);
  if (oid) p.issuerOid = oid;
  if (type) p.issuerOidType = type;
  return p;
}

function set<T extends object, K extends keyof T>(o: T, k: K, value: T[K] | undefined): void {
  if (value !== undefined) o[k] = value;
}

export function kosFacts(v: KosView): ManifestFacts {
  const r = v.root;
  const str = (tag: number) => v.d.str(r, tag);
  const requests = v.d.items(r, Tag.ReferencedRequestSequence);
  const nonEmpty = (xs: (string | undefined)[]) => xs.filter((x): x is string => x !== undefined);
  const facts: ManifestFacts = {
    sopInstanceUid: str(Tag.SOPInstanceUID) ?? '',
    sopClassUid: str(Tag.SOPClassUID) ?? '',
    patient: patientId(v, r),
    otherPatientIds: v.d.items(r, Tag.OtherPatientIDsSequence).map((i) => patientId(v, i)),
    studyInstanceUid: str(Tag.StudyInstanceUID) ?? '',
    placerOrderNumbers: nonEmpty(requests.map((q) => v.d.str(q, Tag.PlacerOrderNumberImagingServiceRequest))),
    fillerOrderNumbers: nonEmpty(requests.map((q) => v.d.str(q, Tag.FillerOrderNumberImagingServiceRequest))),
    requestedProcedureIds: nonEmpty(requests.map((q) => v.d.str(q, Tag.RequestedProcedureID))),
    procedureCodes: [
      ...v.d.items(r, Tag.ProcedureCodeSequence),
      ...requests.flatMap((q) => v.d.items(q, Tag.RequestedProcedureCodeSequence)),
    ]
      .map((c) => toCoded(codeOf(v, c)))
      .filter((c): c is CodedValue => c !== undefined),
    modalities: [...new Set(nonEmpty(evidenceSeries(v).map((s) => v.d.str(s, Tag.Modality))))],
    series: evidenceSeries(v).map((s) => {
      const series: ManifestFacts['series'][number] = {
        seriesInstanceUid: v.d.str(s, Tag.SeriesInstanceUID) ?? '',
        instances: v.d.items(s, Tag.ReferencedSOPSequence).map((i) => ({
          sopClassUid: v.d.str(i, Tag.ReferencedSOPClassUID) ?? '',
          sopInstanceUid: v.d.str(i, Tag.ReferencedSOPInstanceUID) ?? '',
        })),
      };
      set(series, 'retrieveUrl', v.d.str(s, Tag.RetrieveURL));
      set(series, 'retrieveLocationUid', v.d.str(s, Tag.RetrieveLocationUID));
      set(series, 'retrieveAeTitle', v.d.str(s, Tag.RetrieveAETitle));
      return series;
    }),
  };
  set(facts, 'title', toCoded(titleOf(v)));
  set(facts, 'patientName', str(Tag.PatientName));
  set(facts, 'patientBirthDate', str(Tag.PatientBirthDate));
  set(facts, 'patientSex', str(Tag.PatientSex));
  set(facts, 'studyDate', str(Tag.StudyDate));
  set(facts, 'studyTime', str(Tag.StudyTime));
  set(facts, 'studyDescription', str(Tag.StudyDescription));
  // The top-level accession, else the first request's (MCWG may leave the top level empty).
  const acc = str(Tag.AccessionNumber) ?? requests.map((q) => v.d.str(q, Tag.AccessionNumber)).find(Boolean);
  set(facts, 'accessionNumber', acc);
  const accItem = requests.find((q) => v.d.str(q, Tag.AccessionNumber) === acc) ?? requests[0];
  const accIssuer = accItem && v.d.items(accItem, Tag.IssuerOfAccessionNumberSequence)[0];
  set(facts, 'accessionIssuerOid', accIssuer && v.d.str(accIssuer, Tag.UniversalEntityID));
  return facts;
}

function toCoded(c: { value?: string; scheme?: string; meaning?: string }): CodedValue | undefined {
  if (c.value === undefined) return undefined;
  return { code: c.value, scheme: c.scheme ?? '', ...(c.meaning === undefined ? {} : { display: c.meaning }) };
}
