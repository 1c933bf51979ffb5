// The imaging retrieve request of XCA-I (RAD TF-3 4.69.4.1.2, 4.75.4.1.2): DocumentRequests
// nested in StudyRequest / SeriesRequest, with the transfer syntaxes the consumer accepts. An
// initiating imaging gateway splits a consumer's RAD-69 by HomeCommunityId and forwards each
// part as RAD-75 with the study and series it was asked under, so it keeps them per request.
import { childOf, childrenOf, escapeXml, NS, type XmlElement } from '../../protocols/xml/index.ts';
import type { DocRequest } from '../xds/retrieve.ts';
import { readDocRequests } from '../xds/retrieve.ts';

export interface ImagingDocRequest extends DocRequest {
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

export interface ImagingSetRequest {
  requests: ImagingDocRequest[];
  transferSyntaxUids: string[];
}

export function readImagingSet(body: XmlElement): ImagingSetRequest {
  const requests = childrenOf(body, NS.xdsi, 'StudyRequest').flatMap((study) =>
    childrenOf(study, NS.xdsi, 'SeriesRequest').flatMap((series) =>
      readDocRequests(series).map((d) => ({
        ...d,
        studyInstanceUid: study.attrs.studyInstanceUID ?? '',
        seriesInstanceUid: series.attrs.seriesInstanceUID ?? '',
      })),
    ),
  );
  const list = childOf(body, NS.xdsi, 'TransferSyntaxUIDList');
  const transferSyntaxUids = list ? childrenOf(list, NS.xdsi, 'TransferSyntaxUID').map((t) => t.text.trim()) : [];
  return { requests, transferSyntaxUids };
}

/** The xdsi:RetrieveImagingDocumentSetRequest body, studies and series in first-seen order. */
export function writeImagingSet(set: ImagingSetRequest): string {
  const studies = new Map<string, Map<string, ImagingDocRequest[]>>();
  for (const r of set.requests) {
    const series = studies.get(r.studyInstanceUid) ?? new Map<string, ImagingDocRequest[]>();
    studies.set(r.studyInstanceUid, series);
    series.set(r.seriesInstanceUid, [...(series.get(r.seriesInstanceUid) ?? []), r]);
  }
  const doc = (r: DocRequest) =>
    '<xds:DocumentRequest>' +
    (r.homeCommunityId ? `<xds:HomeCommunityId>${escapeXml(r.homeCommunityId)}</xds:HomeCommunityId>` : '') +
    `<xds:RepositoryUniqueId>${escapeXml(r.repositoryUniqueId)}</xds:RepositoryUniqueId>` +
    `<xds:DocumentUniqueId>${escapeXml(r.documentUniqueId)}</xds:DocumentUniqueId></xds:DocumentRequest>`;
  const body = [...studies]
    .map(
      ([study, series]) =>
        `<xdsi:StudyRequest studyInstanceUID="${escapeXml(study)}">` +
        [...series]
          .map(([uid, docs]) => `<xdsi:SeriesRequest seriesInstanceUID="${escapeXml(uid)}">${docs.map(doc).join('')}</xdsi:SeriesRequest>`)
          .join('') +
        '</xdsi:StudyRequest>',
    )
    .join('');
  const ts = (set.transferSyntaxUids.length > 0 ? set.transferSyntaxUids : ['1.2.840.10008.1.2.1'])
    .map((t) => `<xdsi:TransferSyntaxUID>${escapeXml(t)}</xdsi:TransferSyntaxUID>`)
    .join('');
  return (
    `<xdsi:RetrieveImagingDocumentSetRequest xmlns:xdsi="${NS.xdsi}" xmlns:xds="${NS.xds}">` +
    `${body}<xdsi:TransferSyntaxUIDList>${ts}</xdsi:TransferSyntaxUIDList></xdsi:RetrieveImagingDocumentSetRequest>`
  );
}
