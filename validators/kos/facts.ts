// ManifestFacts from a parsed KOS: the plain values other validators compare against.
import type { DataSet } from '../../protocols/dicom/data-set.ts';
import type { CodedValue, ManifestFacts, PatientIdentifier } from '../manifest-facts.ts';
import { codeOf, evidenceSeries, titleOf, type KosView } from './view.ts';

function patientId(v: KosView, ds: DataSet): PatientIdentifier {
  const p: PatientIdentifier = { id: v.d.str(ds, 0x00100020) ?? '' };
  const issuer = v.d.str(ds, 0x00100021);
  if (issuer !== undefined) p.issuer = issuer;
  const q = v.d.items(ds, 0x00100024)[0];
  const oid = q && v.d.str(q, 0x00400032);
  const type = q && v.d.str(q, 0x00400033);
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
  const requests = v.d.items(r, 0x0040a370);
  const nonEmpty = (xs: (string | undefined)[]) => xs.filter((x): x is string => x !== undefined);
  const facts: ManifestFacts = {
    sopInstanceUid: str(0x00080018) ?? '',
    sopClassUid: str(0x00080016) ?? '',
    patient: patientId(v, r),
    otherPatientIds: v.d.items(r, 0x00101002).map((i) => patientId(v, i)),
    studyInstanceUid: str(0x0020000d) ?? '',
    placerOrderNumbers: nonEmpty(requests.map((q) => v.d.str(q, 0x00402016))),
    fillerOrderNumbers: nonEmpty(requests.map((q) => v.d.str(q, 0x00402017))),
    requestedProcedureIds: nonEmpty(requests.map((q) => v.d.str(q, 0x00401001))),
    procedureCodes: [
      ...v.d.items(r, 0x00081032),
      ...requests.flatMap((q) => v.d.items(q, 0x00321064)),
    ].map((c) => toCoded(codeOf(v, c))).filter((c): c is CodedValue => c !== undefined),
    modalities: [...new Set(nonEmpty(evidenceSeries(v).map((s) => v.d.str(s, 0x00080060))))],
    series: evidenceSeries(v).map((s) => {
      const series: ManifestFacts['series'][number] = {
        seriesInstanceUid: v.d.str(s, 0x0020000e) ?? '',
        instances: v.d.items(s, 0x00081199).map((i) => ({ sopClassUid: v.d.str(i, 0x00081150) ?? '', sopInstanceUid: v.d.str(i, 0x00081155) ?? '' })),
      };
      set(series, 'retrieveUrl', v.d.str(s, 0x00081190));
      set(series, 'retrieveLocationUid', v.d.str(s, 0x0040e011));
      set(series, 'retrieveAeTitle', v.d.str(s, 0x00080054));
      return series;
    }),
  };
  set(facts, 'title', toCoded(titleOf(v)));
  set(facts, 'patientName', str(0x00100010));
  set(facts, 'patientBirthDate', str(0x00100030));
  set(facts, 'patientSex', str(0x00100040));
  set(facts, 'studyDate', str(0x00080020));
  set(facts, 'studyTime', str(0x00080030));
  set(facts, 'studyDescription', str(0x00081030));
  // The top-level accession, else the first request's (MCWG may leave the top level empty).
  const acc = str(0x00080050) ?? requests.map((q) => v.d.str(q, 0x00080050)).find(Boolean);
  set(facts, 'accessionNumber', acc);
  const accItem = requests.find((q) => v.d.str(q, 0x00080050) === acc) ?? requests[0];
  const accIssuer = accItem && v.d.items(accItem, 0x00080051)[0];
  set(facts, 'accessionIssuerOid', accIssuer && v.d.str(accIssuer, 0x00400032));
  return facts;
}

function toCoded(c: { value?: string; scheme?: string; meaning?: string }): CodedValue | undefined {
  if (c.value === undefined) return undefined;
  return { code: c.value, scheme: c.scheme ?? '', ...(c.meaning === undefined ? {} : { display: c.meaning }) };
}
