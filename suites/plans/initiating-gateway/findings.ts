// The finding IDs this plan's steps produce (checked unique and catalogue-backed by
// suites/plans/findings.test.ts).
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'ig.find.response', reqIds: ['XDS-027'], title: 'ITI-18 through the gateway answers with an AdhocQueryResponse' },
  { id: 'ig.find.merged', reqIds: ['XDS-027'], title: 'the answer holds the entries of the community that answered in time' },
  { id: 'ig.find.home', reqIds: ['XDS-027'], title: 'every returned object carries the home of the community it came from' },
  { id: 'ig.partial.status', reqIds: ['XDS-027'], title: 'an answer with some communities missing is PartialSuccess' },
  { id: 'ig.partial.unavailable', reqIds: ['XDS-027'], title: 'each slow or down community is named by an XDSUnavailableCommunity error' },
  {
    id: 'ig.partial.deadline',
    reqIds: ['XDS-027'],
    title: "the gateway answers within its declared per-community deadline, without the late community's entries",
  },
  { id: 'ig.unknown.query', reqIds: ['XDS-027'], title: 'a query addressed to an unknown community fails with XDSUnknownCommunity' },
  { id: 'ig.unknown.retrieve', reqIds: ['XDS-027'], title: 'a retrieve for an unknown community gets XDSUnknownCommunity' },
  { id: 'ig.retrieve.document', reqIds: ['XDS-028'], title: "ITI-43 through the gateway returns the community's document" },
  { id: 'ig.retrieve.home', reqIds: ['XDS-028'], title: 'the retrieved document carries the HomeCommunityId it was asked under' },
  { id: 'ig.retrieve.routed', reqIds: ['XDS-028'], title: 'ITI-43 is sent on as ITI-39 to the community named by HomeCommunityId' },
  { id: 'ig.retrieve-imaging.document', reqIds: ['XDS-029'], title: "RAD-69 through the gateway returns the community's document" },
  { id: 'ig.retrieve-imaging.home', reqIds: ['XDS-029'], title: 'the RAD-69 answer carries the HomeCommunityId it was asked under' },
  { id: 'ig.retrieve-imaging.routed', reqIds: ['XDS-029'], title: 'RAD-69 is sent on as RAD-75 to the community named by HomeCommunityId' },
  { id: 'ig.cache.query', reqIds: ['XDS-030'], title: 'both queries of the caching check are answered' },
  { id: 'ig.cache.rediscovers', reqIds: ['XDS-030'], title: "a community without the patient's data is not asked again on the next query" },
];
