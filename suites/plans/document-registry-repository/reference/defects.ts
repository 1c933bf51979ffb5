// One injected defect per broken variant of the reference registry/repository, and the
// requirements the plan must fail on for it. Each is a rewrite in the proxy (or one config
// switch of the simulator), never an edit of simulators/xds.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { STATUS, writeRegistryResponse } from '../../../../protocols/ebrim/index.ts';
import { writeEnvelope } from '../../../../protocols/soap/index.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';

export const DEFECT_IDS = ['accept-unknown-patient', 'accept-patient-mismatch', 'accept-stray-document', 'accept-out-of-value-set', 'duplicate-accepted', 'rplc-not-deprecated', 'wrong-hash', 'find-drops-entry', 'wrong-retrieve-error', 'retrieve-corrupt-bytes'] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'accept-unknown-patient': { id: 'accept-unknown-patient', description: 'the registry accepts a submission for a patient the affinity domain does not know', fails: ['XDS-005'] },
  'accept-patient-mismatch': { id: 'accept-patient-mismatch', description: 'a submission whose DocumentEntry and SubmissionSet name different patients is answered Success', fails: ['XDS-006'] },
  'accept-stray-document': { id: 'accept-stray-document', description: 'a submission carrying a document part no DocumentEntry describes is answered Success', fails: ['XDS-002'] },
  'accept-out-of-value-set': { id: 'accept-out-of-value-set', description: 'a submission whose eventCodeList modality is outside VS-MODALITY is answered Success', fails: ['META-006'] },
  'duplicate-accepted': { id: 'duplicate-accepted', description: 'a registered uniqueId re-submitted with other content is answered Success', fails: ['XDS-008'] },
  'rplc-not-deprecated': { id: 'rplc-not-deprecated', description: 'an entry replaced by RPLC is still reported Approved', fails: ['XDS-024'] },
  'wrong-hash': { id: 'wrong-hash', description: 'stored queries return a hash that is not the SHA-1 of the stored bytes', fails: ['META-046', 'XDS-010'] },
  'find-drops-entry': { id: 'find-drops-entry', description: 'FindDocuments leaves out the registered entries', fails: ['XDS-015'] },
  'wrong-retrieve-error': { id: 'wrong-retrieve-error', description: 'an unknown document uniqueId is answered XDSRepositoryError, not XDSDocumentUniqueIdError', fails: ['XDS-023'] },
  'retrieve-corrupt-bytes': { id: 'retrieve-corrupt-bytes', description: 'Retrieve Document Set returns bytes other than those registered', fails: ['XDS-022'] },
};

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}

const isQuery = (req: Buffer, queryId: string) => req.toString('latin1').includes(queryId);
const isRetrieve = (req: Buffer) => req.toString('latin1').includes('RetrieveDocumentSetRequest');
const SUCCESS = (): Buffer => Buffer.from(writeEnvelope(writeRegistryResponse({ status: STATUS.success, errors: [] }), { action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse' }), 'utf8');

/** The proxy rewrite of a defect: the identity for none and for the config-only defect. */
export function rewriteOf(defect: DefectId | undefined): Rewrite {
  switch (defect) {
    case 'accept-patient-mismatch':
      return (_q, res) => (res.toString('latin1').includes('XDSPatientIdDoesNotMatch') ? SUCCESS() : res);
    case 'accept-stray-document':
      return (_q, res) => (res.toString('latin1').includes('XDSMissingDocumentMetadata') ? SUCCESS() : res);
    case 'accept-out-of-value-set':
      // The step's marker code (steps/refusals.ts NOT_A_MODALITY) identifies that one submission.
      return (q, res) => (q.toString('latin1').includes('XX-NOT-A-MODALITY') ? SUCCESS() : res);
    case 'duplicate-accepted':
      return (_q, res) => (/XDSNonIdenticalHash|XDSDuplicateUniqueIdInRegistry/.test(res.toString('latin1')) ? SUCCESS() : res);
    case 'rplc-not-deprecated':
      return (q, res) => (isQuery(q, QUERY.GetDocuments) ? editText(res, (s) => s.replaceAll(STATUS.deprecated, STATUS.approved)) : res);
    case 'wrong-hash':
      // The hash slot's value, whatever the prefixes: flip its first hex digit.
      return (q, res) => (q.toString('latin1').includes('AdhocQueryRequest') ? editText(res, (s) => s.replace(/(name="hash"[^]*?Value>)([0-9a-fA-F])/g, (_m, a: string, d: string) => `${a}${d === 'f' ? '0' : 'f'}`)) : res);
    case 'find-drops-entry':
      return (q, res) => (isQuery(q, QUERY.FindDocuments) ? editText(res, (s) => s.replace(/<(\w+:)?ExtrinsicObject\b[^]*?<\/(\w+:)?ExtrinsicObject>/g, '')) : res);
    case 'wrong-retrieve-error':
      return (q, res) => (isRetrieve(q) ? editText(res, (s) => s.replaceAll('XDSDocumentUniqueIdError', 'XDSRepositoryError')) : res);
    case 'retrieve-corrupt-bytes':
      return (q, res) => (isRetrieve(q) ? editText(res, (s) => s.replaceAll('mcwg registry test document', 'MCWG REGISTRY TEST DOCUMENT')) : res);
    default:
      return (_q, res) => res;
  }
}
