// Imaging Document Consumer initiator: RAD-69 Retrieve Imaging Document Set.
import type { ConnectionOptions } from 'node:tls';
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import type { Exchange } from '../../model/exchange.ts';
import { escapeXml, NS } from '../../protocols/xml/index.ts';
import { retrieveResponseOf } from './xds-consumer.ts';
import { callSoap } from './xds-soap.ts';

export const RETRIEVE_IMAGING_ACTION = XDS_ACTION.retrieveImaging;

export interface ImagingRequest {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  repositoryUniqueId: string;
  sopInstanceUids: string[];
  transferSyntaxUids?: string[];
}

/**
 * `homeCommunityId`: set on each DocumentRequest when the retrieve goes through an XCA-I initiating gateway.
 * `tls`: our client options for an https:// endpoint (CA, client certificate).
 */
export async function retrieveImaging(
  url: string,
  r: ImagingRequest,
  record: (e: Exchange) => void,
  homeCommunityId?: string,
  tls?: ConnectionOptions,
) {
  const home = homeCommunityId ? `<xds:HomeCommunityId>${escapeXml(homeCommunityId)}</xds:HomeCommunityId>` : '';
  const docs = r.sopInstanceUids
    .map(
      (uid) =>
        `<xds:DocumentRequest>${home}<xds:RepositoryUniqueId>${escapeXml(r.repositoryUniqueId)}</xds:RepositoryUniqueId><xds:DocumentUniqueId>${escapeXml(uid)}</xds:DocumentUniqueId></xds:DocumentRequest>`,
    )
    .join('');
  const ts = (r.transferSyntaxUids ?? ['1.2.840.10008.1.2.1'])
    .map((t) => `<xdsi:TransferSyntaxUID>${escapeXml(t)}</xdsi:TransferSyntaxUID>`)
    .join('');
  const bodyXml =
    `<xdsi:RetrieveImagingDocumentSetRequest xmlns:xdsi="${NS.xdsi}" xmlns:xds="${NS.xds}">` +
    `<xdsi:StudyRequest studyInstanceUID="${escapeXml(r.studyInstanceUid)}"><xdsi:SeriesRequest seriesInstanceUID="${escapeXml(r.seriesInstanceUid)}">${docs}</xdsi:SeriesRequest></xdsi:StudyRequest>` +
    `<xdsi:TransferSyntaxUIDList>${ts}</xdsi:TransferSyntaxUIDList></xdsi:RetrieveImagingDocumentSetRequest>`;
  const call = await callSoap({ url, action: RETRIEVE_IMAGING_ACTION, transaction: 'RAD-69', bodyXml, ...(tls ? { tls } : {}) }, record);
  return { ...retrieveResponseOf(call), call };
}
