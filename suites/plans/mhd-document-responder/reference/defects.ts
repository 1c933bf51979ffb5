// One injected defect per broken variant of the reference MHD Document Responder (a proxy
// rewrite in front of our MHD simulator, or one config switch), and the requirements the plan
// must fail on for it.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'accept-unknown-patient',
  'search-drops-results',
  'relative-attachment-url',
  'missing-status-accepted',
  'wrong-content-type',
  'no-post-search',
  'no-capability-statement',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'sends-no-audit',
  'audit-wrong-event-id',
  'ignores-token',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'accept-unknown-patient': {
    id: 'accept-unknown-patient',
    description: 'an ITI-65 Bundle for a patient the affinity domain does not know is accepted',
    fails: ['MHD-006'],
  },
  'search-drops-results': {
    id: 'search-drops-results',
    description: 'GET DocumentReference answers an empty searchset',
    fails: ['MHD-008'],
  },
  'relative-attachment-url': {
    id: 'relative-attachment-url',
    description: 'attachment.url is relative (Binary/id), not a full URL',
    fails: ['MHD-012'],
  },
  'missing-status-accepted': {
    id: 'missing-status-accepted',
    description: 'a search without status is answered 200, not 400',
    fails: ['MHD-011'],
  },
  'wrong-content-type': {
    id: 'wrong-content-type',
    description: 'ITI-68 returns the manifest bytes as application/octet-stream',
    fails: ['MHD-013'],
  },
  'no-post-search': { id: 'no-post-search', description: 'POST DocumentReference/_search is answered 405', fails: ['MHD-015'] },
  'no-capability-statement': { id: 'no-capability-statement', description: 'GET metadata is answered 404', fails: ['MHD-016'] },
  ...serverTlsDefects('the FHIR endpoint'),
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
  'ignores-token': {
    id: 'ignores-token',
    description: 'the responder serves every request, with or without a valid token, for any patient',
    fails: ['SEC-005', 'SEC-006'],
  },
};

const EMPTY = (b: Buffer) => editText(b, (s) => JSON.stringify({ ...(JSON.parse(s) as object), total: 0, entry: [] }));
const isSearch = (url: string, method: string) => method === 'GET' && /\/DocumentReference\?/.test(url);

/** The proxy rewrite of a defect: the identity for none and for the config-only defect. */
export function rewriteOf(defect: DefectId | undefined, base: () => string): Rewrite {
  switch (defect) {
    case 'search-drops-results':
      return (_q, res, _ct, m) => (isSearch(m.url, m.method) && m.status === 200 ? EMPTY(res) : res);
    case 'relative-attachment-url':
      return (_q, res, _ct, m) => (isSearch(m.url, m.method) ? editText(res, (s) => s.replaceAll(`"${base()}/Binary/`, '"Binary/')) : res);
    case 'missing-status-accepted':
      return (_q, res, _ct, m) =>
        m.method === 'GET' && /\/DocumentReference\?/.test(m.url) && !/[?&]status=/.test(m.url)
          ? {
              status: 200,
              body: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] })),
              contentType: 'application/fhir+json',
            }
          : res;
    case 'wrong-content-type':
      return (_q, res, _ct, m) =>
        m.method === 'GET' && /\/Binary\//.test(m.url) && m.status === 200 ? { body: res, contentType: 'application/octet-stream' } : res;
    case 'no-post-search':
      return (_q, res, _ct, m) =>
        m.method === 'POST' && /_search/.test(m.url)
          ? {
              status: 405,
              body: Buffer.from(
                JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported' }] }),
              ),
              contentType: 'application/fhir+json',
            }
          : res;
    case 'no-capability-statement':
      return (_q, res, _ct, m) =>
        /\/metadata(\?|$)/.test(m.url) ? { status: 404, body: Buffer.from(''), contentType: 'text/plain' } : res;
    default:
      return (_q, res) => res;
  }
}
