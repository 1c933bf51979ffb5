// XDS SubmissionSet -> MHD SubmissionSet List, driven by SUBMISSION_SET_LIST_MAP. The result
// carries what the SubmissionSet says; logical id, meta.profile, a Patient reference and the
// member entries are the server's or the sender's to add.
import type { CodeableConcept, Extension, Identifier, List } from 'fhir/r4.js';
import { classificationsOf, codingSchemeOf, externalIdOf, slotValues } from '../ebrim/accessors.ts';
import { STATUS } from '../ebrim/constants.ts';
import type { SubmissionSet } from '../ebrim/model.ts';
import { RFC3986, cxToIdentifier } from './identifiers.ts';
import { OID_SYSTEMS, dtmToDateTime, type SystemTable } from './values.ts';
import { MHD_EXT, MHD_LIST_TYPES, SUBMISSION_SET_LIST_MAP } from './xds-mhd-map.ts';

const oidUrn = (v: string) => (/^[0-2](\.\d+)+$/.test(v) ? `urn:oid:${v}` : v);

export function toList(ss: SubmissionSet, systems: SystemTable = OID_SYSTEMS): List {
  const list: List = {
    resourceType: 'List',
    status: 'current',
    mode: 'working',
    code: { coding: [{ system: MHD_LIST_TYPES, code: 'submissionset' }] },
  };
  const identifiers: Identifier[] = [];
  const extensions: Extension[] = [];
  for (const row of SUBMISSION_SET_LIST_MAP) {
    const x = row.xds;
    const ext = x.kind === 'externalIdentifier' ? externalIdOf(ss, x.scheme)?.value : undefined;
    switch (row.attr) {
      case 'uniqueId':
        if (ext) identifiers.push({ use: 'usual', system: RFC3986, value: oidUrn(ext) });
        break;
      case 'entryUUID':
        if (ss.id.startsWith('urn:uuid:')) identifiers.push({ use: 'official', system: RFC3986, value: ss.id });
        break;
      case 'sourceId':
        if (ext) extensions.push({ url: MHD_EXT.sourceId, valueIdentifier: { value: oidUrn(ext) } });
        break;
      case 'patientId':
        if (ext) list.subject = { identifier: cxToIdentifier(ext) };
        break;
      case 'submissionTime': {
        const dtm = slotValues(ss, 'submissionTime')[0];
        const date = dtm ? dtmToDateTime(dtm) : undefined;
        if (date) list.date = date;
        break;
      }
      case 'contentTypeCode': {
        const c = x.kind === 'classification' ? classificationsOf(ss, x.scheme)[0] : undefined;
        if (!c) break;
        const scheme = codingSchemeOf(c);
        const cc: CodeableConcept = {
          coding: [
            {
              ...(scheme ? { system: systems.toSystem(scheme) } : {}),
              code: c.nodeRepresentation ?? '',
              ...(c.name ? { display: c.name.value } : {}),
            },
          ],
        };
        extensions.push({ url: MHD_EXT.designationType, valueCodeableConcept: cc });
        break;
      }
      case 'title':
        if (ss.name) list.title = ss.name.value;
        break;
      case 'comments':
        if (ss.description) list.note = [{ text: ss.description.value }];
        break;
      case 'availabilityStatus':
        list.status = ss.status === STATUS.deprecated ? 'retired' : 'current';
        break;
    }
  }
  if (extensions.length) list.extension = extensions;
  if (identifiers.length) list.identifier = identifiers;
  return list;
}
