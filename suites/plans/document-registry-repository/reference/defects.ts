// One injected defect per broken variant of the reference registry/repository, and the
// requirements the plan must fail on for it. Each is a rewrite in the proxy (or one config
// switch of the simulator), never an edit of simulators/xds.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { STATUS, writeAdhocQueryResponse, writeRegistryResponse, type AdhocQueryResponse } from '../../../../protocols/ebrim/index.ts';
import { XDS_ACTION } from '../../../../protocols/ebrim/constants.ts';
import { writeEnvelope } from '../../../../protocols/soap/index.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'accept-unknown-patient',
  'accept-patient-mismatch',
  'accept-stray-document',
  'accept-out-of-value-set',
  'duplicate-accepted',
  'rplc-not-deprecated',
  'wrong-hash',
  'find-drops-entry',
  'wrong-retrieve-error',
  'retrieve-corrupt-bytes',
  'register-refused',
  'exclusive-params-accepted',
  'event-codes-ored',
  'date-upper-inclusive',
  'reference-id-value-only',
  'reference-id-first-only',
  'malformed-soap-crash',
  'xxe-resolved',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'sends-no-audit',
  'audit-wrong-event-id',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'accept-unknown-patient': {
    id: 'accept-unknown-patient',
    description: 'the registry accepts a submission for a patient the affinity domain does not know',
    fails: ['XDS-005'],
  },
  'accept-patient-mismatch': {
    id: 'accept-patient-mismatch',
    description: 'a submission whose DocumentEntry and SubmissionSet name different patients is answered Success',
    fails: ['XDS-006'],
  },
  'accept-stray-document': {
    id: 'accept-stray-document',
    description: 'a submission carrying a document part no DocumentEntry describes is answered Success',
    fails: ['XDS-002'],
  },
  'accept-out-of-value-set': {
    id: 'accept-out-of-value-set',
    description: 'a submission whose eventCodeList modality is outside VS-MODALITY is answered Success',
    fails: ['META-006'],
  },
  'duplicate-accepted': {
    id: 'duplicate-accepted',
    description: 'a registered uniqueId re-submitted with other content is answered Success',
    fails: ['XDS-008'],
  },
  'rplc-not-deprecated': {
    id: 'rplc-not-deprecated',
    description: 'an entry replaced by RPLC is still reported Approved',
    fails: ['XDS-024'],
  },
  'wrong-hash': {
    id: 'wrong-hash',
    description: 'stored queries return a hash that is not the SHA-1 of the stored bytes',
    fails: ['META-046', 'XDS-010'],
  },
  'find-drops-entry': {
    id: 'find-drops-entry',
    description: 'FindDocuments by patient and status alone leaves out the registered entries',
    fails: ['XDS-015'],
  },
  'wrong-retrieve-error': {
    id: 'wrong-retrieve-error',
    description: 'an unknown document uniqueId is answered XDSRepositoryError, not XDSDocumentUniqueIdError',
    fails: ['XDS-023'],
  },
  'retrieve-corrupt-bytes': {
    id: 'retrieve-corrupt-bytes',
    description: 'Retrieve Document Set returns bytes other than those registered',
    fails: ['XDS-022'],
  },
  'register-refused': {
    id: 'register-refused',
    description: 'the registry answers Register Document Set-b (ITI-42) with XDSRegistryError',
    fails: ['XDS-011'],
  },
  'exclusive-params-accepted': {
    id: 'exclusive-params-accepted',
    description: 'GetDocuments with both EntryUUID and UniqueId answers Success instead of XDSStoredQueryParamNumber',
    fails: ['XDS-017'],
  },
  'event-codes-ored': {
    id: 'event-codes-ored',
    description: 'repeated $XDSDocumentEntryEventCodeList parameters are ORed, not ANDed',
    fails: ['XDS-018'],
  },
  'date-upper-inclusive': {
    id: 'date-upper-inclusive',
    description: 'ServiceStartTimeTo is treated as an inclusive bound',
    fails: ['XDS-019'],
  },
  'reference-id-value-only': {
    id: 'reference-id-value-only',
    description: 'referenceIdList values are matched on the identifier alone, ignoring issuer and type',
    fails: ['XDS-020'],
  },
  'reference-id-first-only': {
    id: 'reference-id-first-only',
    description: 'FindDocumentsByReferenceId returns only the first matching entry',
    fails: ['LINK-007'],
  },
  'malformed-soap-crash': {
    id: 'malformed-soap-crash',
    description: 'a malformed SOAP request is answered HTTP 500 with a plain-text body, not a SOAP Fault',
    fails: ['XDS-031'],
  },
  'xxe-resolved': {
    id: 'xxe-resolved',
    description: 'the XML front end resolves external entities (fetches their SYSTEM URL) before refusing the DTD',
    fails: ['SEC-008'],
  },
  ...serverTlsDefects('the registry and repository', true),
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
};

/** The defects made by wrapping the store the simulator queries (see storeOf in index.ts), not by the proxy. */
export const STORE_DEFECTS: ReadonlySet<DefectId> = new Set(['event-codes-ored', 'date-upper-inclusive', 'reference-id-value-only']);

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}

const isQuery = (req: Buffer, queryId: string) => req.toString('latin1').includes(queryId);
const isRetrieve = (req: Buffer) => req.toString('latin1').includes('RetrieveDocumentSetRequest');
const REGISTER_ERROR = (): Buffer =>
  Buffer.from(
    writeEnvelope(
      writeRegistryResponse({
        status: STATUS.failure,
        errors: [
          {
            errorCode: 'XDSRegistryError',
            codeContext: 'Register Document Set-b is not supported',
            severity: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
            path: '',
          },
        ],
      }),
      { action: `${XDS_ACTION.register}Response` },
    ),
    'utf8',
  );
const EMPTY_QUERY_SUCCESS = (): Buffer =>
  Buffer.from(
    writeEnvelope(
      writeAdhocQueryResponse({
        kind: 'AdhocQueryResponse',
        status: STATUS.success,
        errors: [],
        objects: {
          submissionSets: [],
          documentEntries: [],
          folders: [],
          associations: [],
          objectRefs: [],
          unclassifiedPackages: [],
          path: '',
        },
        path: '',
      } satisfies AdhocQueryResponse),
      { action: 'urn:ihe:iti:2007:RegistryStoredQueryResponse' },
    ),
    'utf8',
  );
const SUCCESS = (): Buffer =>
  Buffer.from(
    writeEnvelope(writeRegistryResponse({ status: STATUS.success, errors: [] }), {
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse',
    }),
    'utf8',
  );

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
      return (q, res) =>
        q.toString('latin1').includes('AdhocQueryRequest')
          ? editText(res, (s) =>
              s.replace(/(name="hash"[\s\S]*?Value>)([0-9a-fA-F])/g, (_m, a: string, d: string) => `${a}${d === 'f' ? '0' : 'f'}`),
            )
          : res;
    case 'find-drops-entry':
      // Only the plain by-patient query (no event code list), so the event code and date range
      // steps, which filter further, do not fail with it.
      return (q, res) =>
        isQuery(q, QUERY.FindDocuments) && !q.toString('latin1').includes('$XDSDocumentEntryEventCodeList')
          ? editText(res, (s) => s.replace(/<(\w+:)?ExtrinsicObject\b[\s\S]*?<\/(\w+:)?ExtrinsicObject>/g, ''))
          : res;
    case 'wrong-retrieve-error':
      return (q, res) => (isRetrieve(q) ? editText(res, (s) => s.replaceAll('XDSDocumentUniqueIdError', 'XDSRepositoryError')) : res);
    case 'retrieve-corrupt-bytes':
      return (q, res) =>
        isRetrieve(q) ? editText(res, (s) => s.replaceAll('mcwg registry test document', 'MCWG REGISTRY TEST DOCUMENT')) : res;
    case 'register-refused':
      return (q, res) => (q.toString('latin1').includes(XDS_ACTION.register) ? REGISTER_ERROR() : res);
    case 'exclusive-params-accepted':
      return (q, res) =>
        isQuery(q, QUERY.GetDocuments) && res.toString('latin1').includes('XDSStoredQueryParamNumber') ? EMPTY_QUERY_SUCCESS() : res;
    case 'reference-id-first-only':
      // Keep the first ExtrinsicObject of the answer, drop the others.
      return (q, res) =>
        isQuery(q, QUERY.FindDocumentsByReferenceId)
          ? editText(res, (s) => {
              let n = 0;
              return s.replace(/<(\w+:)?ExtrinsicObject\b[\s\S]*?<\/(\w+:)?ExtrinsicObject>/g, (m) => (n++ === 0 ? m : ''));
            })
          : res;
    case 'malformed-soap-crash':
      // Faults for anything but a DTD-bearing request become a bare 500, as a crashing handler answers.
      return (q, res) =>
        /<(\w+:)?Fault[\s>]/.test(res.toString('latin1')) && !q.toString('latin1').includes('<!DOCTYPE')
          ? { status: 500, body: Buffer.from('Internal Server Error'), contentType: 'text/plain' }
          : res;
    case 'xxe-resolved': {
      // Fetch every SYSTEM URL the request declares, as an entity-resolving parser would (the
      // refusal that follows is the simulator's; the fetch is what the canary sees).
      return (q, res) => {
        for (const m of q.toString('latin1').matchAll(/SYSTEM\s+"(https?:[^"]+)"/g))
          void fetch(m[1]!)
            .then((r) => r.arrayBuffer())
            .catch(() => undefined);
        return res;
      };
    }
    default:
      return (_q, res) => res;
  }
}
