// MHD DocumentReference -> XDS DocumentEntry, driven by XDS_MHD_MAP. Every slot,
// classification and identifier keeps the FHIRPath it came from, so XDS rules run on the
// result report FHIR locations.
import type { CodeableConcept, Coding, DocumentReference, Identifier, Organization, Patient, Reference, Resource } from 'fhir/r4.js';
import { DE, DOC_ENTRY_STABLE, STATUS } from '../ebrim/constants.ts';
import type { Classification, DocumentEntry, Slot } from '../ebrim/model.ts';
import { identifierToCx, identifierToCxi } from './identifiers.ts';
import { OID_SYSTEMS, base64ToHex, dateTimeToDtm, type SystemTable } from './values.ts';
import { XDS_MHD_MAP } from './xds-mhd-map.ts';

export interface ToEntryOptions {
  /** FHIRPath of the resource, e.g. "Bundle.entry[1].resource" (default 'DocumentReference'). */
  path?: string;
  systems?: SystemTable;
  /** Resolves a non-contained reference (e.g. a Patient in the same Bundle). */
  resolve?: (reference: string) => Resource | undefined;
}

export function toDocumentEntry(dr: DocumentReference, opts: ToEntryOptions = {}): DocumentEntry {
  const base = opts.path ?? 'DocumentReference';
  const systems = opts.systems ?? OID_SYSTEMS;
  const id = dr.identifier?.find((i) => i.value?.startsWith('urn:uuid:'))?.value ?? (dr.id ? `urn:uuid:${dr.id}` : 'DocumentReference');
  const slots: Slot[] = [];
  const classifications: Classification[] = [];
  const resolve = (ref: Reference | undefined): Resource | undefined => {
    const r = ref?.reference;
    if (!r) return undefined;
    if (r.startsWith('#')) return dr.contained?.find((c) => c.id === r.slice(1));
    return opts.resolve?.(r);
  };
  const addCoded = (scheme: string, c: Coding | undefined, path: string, n: number) => {
    if (!c) return;
    classifications.push({
      id: `${id}-c${classifications.length}`,
      scheme,
      classifiedObject: id,
      nodeRepresentation: c.code ?? '',
      slots: c.system ? [{ name: 'codingScheme', values: [systems.toCodingScheme(c.system)], path: `${path}.system` }] : [],
      ...(c.display !== undefined ? { name: { value: c.display, path: `${path}.display` } } : {}),
      path: n >= 0 ? path : path,
    });
  };
  const ccs = (scheme: string, list: CodeableConcept[] | undefined, path: string) =>
    list?.forEach((cc, i) => addCoded(scheme, cc.coding?.[0], `${base}.${path}[${i}].coding[0]`, i));
  for (const row of XDS_MHD_MAP) {
    if (row.xds.kind !== 'classification' || row.attr === 'author') continue;
    const s = row.xds.scheme;
    switch (row.attr) {
      case 'classCode':
        ccs(s, dr.category, 'category');
        break;
      case 'typeCode':
        if (dr.type) addCoded(s, dr.type.coding?.[0], `${base}.type.coding[0]`, 0);
        break;
      case 'confidentialityCode':
        ccs(s, dr.securityLabel, 'securityLabel');
        break;
      case 'eventCodeList':
        ccs(s, dr.context?.event, 'context.event');
        break;
      case 'formatCode':
        dr.content?.forEach((c, i) => addCoded(s, c.format, `${base}.content[${i}].format`, i));
        break;
      case 'healthcareFacilityTypeCode':
        if (dr.context?.facilityType) addCoded(s, dr.context.facilityType.coding?.[0], `${base}.context.facilityType.coding[0]`, 0);
        break;
      case 'practiceSettingCode':
        if (dr.context?.practiceSetting)
          addCoded(s, dr.context.practiceSetting.coding?.[0], `${base}.context.practiceSetting.coding[0]`, 0);
        break;
    }
  }
  const att = dr.content?.[0]?.attachment;
  const apath = `${base}.content[0].attachment`;
  const put = (name: string, value: string | undefined, path: string) => {
    if (value !== undefined) slots.push({ name, values: [value], path });
  };
  if (att?.creation !== undefined) put('creationTime', dateTimeToDtm(att.creation) ?? att.creation, `${apath}.creation`);
  put('languageCode', att?.language, `${apath}.language`);
  if (dr.context?.period?.start !== undefined)
    put('serviceStartTime', dateTimeToDtm(dr.context.period.start) ?? dr.context.period.start, `${base}.context.period.start`);
  if (dr.context?.period?.end !== undefined)
    put('serviceStopTime', dateTimeToDtm(dr.context.period.end) ?? dr.context.period.end, `${base}.context.period.end`);
  if (att?.hash !== undefined) put('hash', base64ToHex(att.hash), `${apath}.hash`);
  if (att?.size !== undefined) put('size', String(att.size), `${apath}.size`);
  const related = dr.context?.related ?? [];
  const rel = related
    .map((r, i) => ({ v: r.identifier ? identifierToCxi(r.identifier) : undefined, p: `${base}.context.related[${i}].identifier` }))
    .filter((x) => x.v !== undefined);
  if (rel.length)
    slots.push({
      name: 'urn:ihe:iti:xds:2013:referenceIdList',
      values: rel.map((x) => x.v!),
      path: `${base}.context.related`,
      valuePaths: rel.map((x) => x.p),
    });
  const sp = resolve(dr.context?.sourcePatientInfo) as Patient | undefined;
  const spId = sp?.identifier?.[0];
  if (spId) put('sourcePatientId', identifierToCx(spId), `${base}.context.sourcePatientInfo`);
  const externalIdentifiers: DocumentEntry['externalIdentifiers'] = [];
  const subjectId: Identifier | undefined = dr.subject?.identifier ?? (resolve(dr.subject) as Patient | undefined)?.identifier?.[0];
  if (subjectId)
    externalIdentifiers.push({
      id: `${id}-pid`,
      scheme: DE.patientId,
      registryObject: id,
      value: identifierToCx(subjectId),
      path: `${base}.subject`,
    });
  if (dr.masterIdentifier?.value !== undefined) {
    externalIdentifiers.push({
      id: `${id}-uid`,
      scheme: DE.uniqueId,
      registryObject: id,
      value: dr.masterIdentifier.value.replace(/^urn:oid:/, ''),
      path: `${base}.masterIdentifier`,
    });
  }
  (dr.author ?? []).forEach((a, i) => {
    const org = resolve(a) as Organization | undefined;
    if (org?.resourceType !== 'Organization') return;
    const oid = org.identifier?.[0]?.value?.replace(/^urn:oid:/, '') ?? '';
    classifications.push({
      id: `${id}-author${i}`,
      scheme: DE.author,
      classifiedObject: id,
      nodeRepresentation: '',
      slots: [{ name: 'authorInstitution', values: [`${org.name ?? ''}${oid ? `^^^^^^^^^${oid}` : ''}`], path: `${base}.author[${i}]` }],
      path: `${base}.author[${i}]`,
    });
  });
  const entry: DocumentEntry = {
    kind: 'DocumentEntry',
    id,
    objectType: DOC_ENTRY_STABLE,
    status: dr.status === 'superseded' ? STATUS.deprecated : STATUS.approved,
    slots,
    classifications,
    externalIdentifiers,
    path: base,
  };
  if (att?.contentType !== undefined) entry.mimeType = att.contentType;
  if (att?.title !== undefined) entry.name = { value: att.title, path: `${apath}.title` };
  if (dr.description !== undefined) entry.description = { value: dr.description, path: `${base}.description` };
  return entry;
}
