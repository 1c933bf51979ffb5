// context.related identifiers are typed (urn:ietf:rfc:3986 | CXi.5 URN) so they map back to
// referenceIdList; accession and order carry their issuer as Identifier.system (ITI TF-2 Z.9.1.2).
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

const TYPES = [
  'urn:ihe:iti:xds:2016:studyInstanceUID',
  'urn:ihe:iti:xds:2013:accession',
  'urn:ihe:iti:xds:2013:order',
  'urn:ihe:iti:xds:2013:referral',
  'urn:ihe:iti:xds:2015:encounterId',
  'urn:ihe:iti:xds:2013:uniqueId',
  'urn:ihe:iti:xdw:2013:workflowInstanceId',
];

export const relatedTyping: Rule<MhdView, unknown> = {
  id: 'mhd.related.typing',
  reqIds: ['META-051'],
  severity: 'error',
  title: 'context.related identifiers are typed and issued',
  check(view) {
    const hits: RuleHit[] = [];
    for (const { resource: dr, path } of view.references) {
      (dr.context?.related ?? []).forEach((rel, i) => {
        const at = `${path}.context.related[${i}].identifier`;
        const id = rel.identifier;
        if (!id) return;
        // The study UID may also be given as system urn:dicom:uid (spec/transactions.md).
        if (id.system === 'urn:dicom:uid') return;
        const type = id.type?.coding?.find((c) => c.system === 'urn:ietf:rfc:3986')?.code;
        if (!type || !TYPES.includes(type)) {
          hits.push({
            path: `${at}.type`,
            message: `related identifier ${id.value ?? ''} has no known urn:ietf:rfc:3986 type; found ${type ?? 'none'}`,
          });
          return;
        }
        if ((type.endsWith(':accession') || type.endsWith(':order')) && !id.system?.startsWith('urn:oid:'))
          hits.push({
            path: `${at}.system`,
            message: `${type.split(':').pop()} ${id.value ?? ''} needs its issuer as system urn:oid:<OID>`,
          });
      });
    }
    return hits;
  },
};
