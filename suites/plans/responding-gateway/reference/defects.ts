// One injected defect per broken variant of the reference responding gateway, and the
// requirements the plan must fail on for it. Each is a rewrite in the proxy, never an edit of
// simulators/xca.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';
import { AUDIT_DEFECTS } from '../../common/audit-reference.ts';
import { serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'query-without-home',
  'unknown-community-wrong-code',
  'retrieve-without-home',
  'retrieve-corrupt-bytes',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'rad75-malformed',
  'sends-no-audit',
  'audit-wrong-event-id',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'sends-no-audit': AUDIT_DEFECTS['sends-no-audit'],
  'audit-wrong-event-id': AUDIT_DEFECTS['audit-wrong-event-id'],
  'query-without-home': {
    id: 'query-without-home',
    description: 'ITI-38 answers carry no home attribute (the local registry answer passed through unstamped)',
    fails: ['XDS-027'],
  },
  'unknown-community-wrong-code': {
    id: 'unknown-community-wrong-code',
    description: 'a query for another community is answered XDSRegistryError, not XDSUnknownCommunity',
    fails: ['XDS-027'],
  },
  'retrieve-without-home': {
    id: 'retrieve-without-home',
    description: 'ITI-39 DocumentResponses carry no HomeCommunityId',
    fails: ['XDS-028'],
  },
  'retrieve-corrupt-bytes': {
    id: 'retrieve-corrupt-bytes',
    description: 'ITI-39 returns bytes other than those the entry describes',
    fails: ['XDS-028'],
  },
  ...serverTlsDefects('the gateway'),
  'rad75-malformed': {
    id: 'rad75-malformed',
    description: 'RAD-75 DocumentResponses lack their DocumentUniqueId (the schema requires it)',
    fails: ['XDS-029'],
  },
};

const isQuery = (req: Buffer) => req.toString('latin1').includes('AdhocQueryRequest');
const isRetrieve = (req: Buffer) => req.toString('latin1').includes('RetrieveDocumentSetRequest');
const isImagingRetrieve = (req: Buffer) => req.toString('latin1').includes('RetrieveImagingDocumentSetRequest');

/** The proxy rewrite of a defect: the identity for none. */
export function rewriteOf(defect: DefectId | undefined): Rewrite {
  switch (defect) {
    case 'query-without-home':
      return (q, res) => (isQuery(q) ? editText(res, (s) => s.replace(/\shome="[^"]*"/g, '')) : res);
    case 'unknown-community-wrong-code':
      return (q, res) => (isQuery(q) ? editText(res, (s) => s.replaceAll('XDSUnknownCommunity', 'XDSRegistryError')) : res);
    case 'retrieve-without-home':
      return (q, res) =>
        isRetrieve(q) ? editText(res, (s) => s.replace(/<(\w+:)?HomeCommunityId>[^<]*<\/(\w+:)?HomeCommunityId>/g, '')) : res;
    case 'retrieve-corrupt-bytes':
      // One base64 digit of the inline document changed: still a valid document, other bytes.
      return (q, res) =>
        isRetrieve(q)
          ? editText(res, (s) =>
              s.replace(/(<(?:\w+:)?Document>)([A-Za-z0-9+/])/, (_m, a: string, d: string) => `${a}${d === 'A' ? 'B' : 'A'}`),
            )
          : res;
    case 'rad75-malformed':
      return (q, res) =>
        isImagingRetrieve(q) ? editText(res, (s) => s.replace(/<(\w+:)?DocumentUniqueId>[^<]*<\/(\w+:)?DocumentUniqueId>/g, '')) : res;
    default:
      return (_q, res) => res;
  }
}
