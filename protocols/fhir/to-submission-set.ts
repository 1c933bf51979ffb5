// MHD SubmissionSet List -> XDS SubmissionSet, driven by SUBMISSION_SET_LIST_MAP. Every
// identifier, slot and classification keeps the FHIRPath it came from, so XDS rules run on
// the result report FHIR locations. `id` is symbolic unless the List carries an official
// urn:uuid identifier (the registry assigns UUIDs).
import type { Identifier, List, Patient } from 'fhir/r4.js';
import { SUBMISSION_SET_NODE } from '../ebrim/constants.ts';
import type { SubmissionSet } from '../ebrim/model.ts';
import { identifierToCx } from './identifiers.ts';
import type { ToEntryOptions } from './to-document-entry.ts';
import { OID_SYSTEMS, dateTimeToDtm } from './values.ts';
import { MHD_EXT, SUBMISSION_SET_LIST_MAP } from './xds-mhd-map.ts';

/** Extensions are matched without regard to http/https (both circulate). */
const extIndex = (list: List, url: string) => list.extension?.findIndex((e) => e.url.replace(/^http:/, 'https:') === url) ?? -1;

export function toSubmissionSet(list: List, opts: ToEntryOptions = {}): SubmissionSet {
  const path = opts.path ?? 'List';
  const systems = opts.systems ?? OID_SYSTEMS;
  const official = list.identifier?.find((i) => i.value?.startsWith('urn:uuid:'))?.value;
  const id = official ?? 'SubmissionSet';
  const ss: SubmissionSet = {
    kind: 'SubmissionSet',
    id,
    slots: [],
    classifications: [{ id: `${id}-node`, node: SUBMISSION_SET_NODE, classifiedObject: id, slots: [], path }],
    externalIdentifiers: [],
    path,
  };
  const extId = (scheme: string, value: string | undefined, p: string) => {
    if (value) ss.externalIdentifiers.push({ id: `${id}-${ss.externalIdentifiers.length}`, scheme, registryObject: id, value, path: p });
  };
  for (const row of SUBMISSION_SET_LIST_MAP) {
    const x = row.xds;
    const scheme = x.kind === 'externalIdentifier' || x.kind === 'classification' ? x.scheme : '';
    switch (row.attr) {
      case 'uniqueId': {
        const i = list.identifier?.findIndex((v) => !v.value?.startsWith('urn:uuid:')) ?? -1;
        extId(scheme, i >= 0 ? list.identifier![i]!.value?.replace(/^urn:oid:/, '') : undefined, `${path}.identifier[${i}]`);
        break;
      }
      case 'sourceId': {
        const i = extIndex(list, MHD_EXT.sourceId);
        extId(scheme, list.extension?.[i]?.valueIdentifier?.value?.replace(/^urn:oid:/, ''), `${path}.extension[${i}]`);
        break;
      }
      case 'patientId': {
        const ref = list.subject?.reference;
        const subjectId: Identifier | undefined =
          list.subject?.identifier ?? (ref ? (opts.resolve?.(ref) as Patient | undefined)?.identifier?.[0] : undefined);
        if (subjectId) extId(scheme, identifierToCx(subjectId), `${path}.subject`);
        break;
      }
      case 'submissionTime':
        if (list.date) ss.slots.push({ name: 'submissionTime', values: [dateTimeToDtm(list.date) ?? list.date], path: `${path}.date` });
        break;
      case 'contentTypeCode': {
        const i = extIndex(list, MHD_EXT.designationType);
        const c = list.extension?.[i]?.valueCodeableConcept?.coding?.[0];
        if (!c) break;
        const p = `${path}.extension[${i}].valueCodeableConcept.coding[0]`;
        ss.classifications.push({
          id: `${id}-ctc`,
          scheme,
          classifiedObject: id,
          nodeRepresentation: c.code ?? '',
          slots: c.system ? [{ name: 'codingScheme', values: [systems.toCodingScheme(c.system)], path: `${p}.system` }] : [],
          ...(c.display ? { name: { value: c.display, path: `${p}.display` } } : {}),
          path: p,
        });
        break;
      }
      case 'title':
        if (list.title) ss.name = { value: list.title, path: `${path}.title` };
        break;
      case 'comments':
        if (list.note?.[0]?.text) ss.description = { value: list.note[0].text, path: `${path}.note[0]` };
        break;
      // entryUUID is `id` above; availabilityStatus is the registry's to set.
      case 'entryUUID':
      case 'availabilityStatus':
        break;
    }
  }
  return ss;
}
