// Initiating Gateway core: a consumer's ITI-18 (or ITI-43 / RAD-69) fans out to the responding
// gateways of several communities and comes back as one answer (ITI TF-2 3.18.4.1.3, 3.43.4.1.3).
// Each community gets its own deadline; one that fails or times out becomes an
// XDSUnavailableCommunity error naming its homeCommunityId, and the rest of the answer stands
// (PartialSuccess). Callers, clock and patient location are injected: no sockets here.
import { STATUS, type AdhocQueryRequest, type AdhocQueryResponse, type RegistryObjectList } from '../../protocols/ebrim/index.ts';
import type { DocRequest } from '../xds/retrieve.ts';
import { splitValue } from '../xds/query-params.ts';
import { mergedStatus, xcaError, type XcaError } from './errors.ts';
import { concatObjectLists, emptyObjectList, stampDocuments, stampHome } from './home.ts';
import type { PatientLocator, PatientMemory } from './location-cache.ts';
import type { PatientXref } from './patient-xref.ts';
import type { ImagingDocRequest } from './imaging-request.ts';
import type { RetrieveAnswer } from './responding.ts';

/** One responding gateway as the initiating gateway calls it (ITI-38 / ITI-39 or RAD-75). */
export interface RespondingGatewayCaller {
  homeCommunityId: string;
  query(req: AdhocQueryRequest, signal: AbortSignal): Promise<AdhocQueryResponse>;
  retrieve(requests: DocRequest[], signal: AbortSignal): Promise<RetrieveAnswer>;
  /** RAD-75 (XCA-I); absent when the community offers no imaging retrieve. */
  retrieveImaging?(requests: ImagingDocRequest[], signal: AbortSignal): Promise<RetrieveAnswer>;
}

export interface FanOutOptions {
  /** Deadline per community, in ms. */
  timeoutMs: number;
  /** Resolves after ms unless aborted; tests inject a controllable clock. */
  after?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** National ID -> community-local ID; without it the consumer's ID goes to every community. */
  xref?: PatientXref;
  /** Where the patient is known (XDS-030, e.g. a cachedLocator); without it every community is asked. */
  locate?: PatientLocator;
  /** Where earlier fan-outs found the patient (XDS-030 without XCPD); without it every query asks every community. */
  memory?: PatientMemory;
}

// Parameters that carry the patient ID, by stored query (ITI TF-2 3.18.4.1.2.3.7).
const PATIENT_PARAMS = ['$XDSDocumentEntryPatientId', '$XDSSubmissionSetPatientId', '$XDSFolderPatientId', '$patientId'];

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export async function federatedQuery(
  req: AdhocQueryRequest,
  gateways: readonly RespondingGatewayCaller[],
  o: FanOutOptions,
): Promise<AdhocQueryResponse> {
  let targets = [...gateways];
  if (req.home !== undefined) {
    targets = gateways.filter((g) => g.homeCommunityId === req.home);
    if (targets.length === 0)
      return answer(STATUS.failure, emptyObjectList(), [
        xcaError('XDSUnknownCommunity', `no responding gateway is configured for ${req.home}`, req.home),
      ]);
  }
  const patient = patientParam(req);
  if (patient && o.locate) {
    // Discovery (XCPD) down is no reason to refuse the query: then every community is asked.
    const homes = await o.locate(patient.id).then(
      (h) => new Set(h),
      () => undefined,
    );
    if (homes) targets = targets.filter((g) => homes.has(g.homeCommunityId));
  }
  const remembered = patient && req.home === undefined ? o.memory?.homesOf(patient.id) : undefined;
  if (remembered) targets = targets.filter((g) => remembered.has(g.homeCommunityId));
  const calls: { gw: RespondingGatewayCaller; req: AdhocQueryRequest }[] = [];
  for (const gw of targets) {
    if (!patient || !o.xref) calls.push({ gw, req });
    else {
      // A community that does not know the patient is not asked: it could only answer empty.
      const local = o.xref.localId(patient.id, gw.homeCommunityId);
      if (local) calls.push({ gw, req: withPatient(req, patient.slot, local) });
    }
  }
  const outcomes = await Promise.all(calls.map((c) => withDeadline((signal) => c.gw.query(c.req, signal), o)));
  const lists: RegistryObjectList[] = [];
  const errors: XcaError[] = [];
  const holding: string[] = [];
  let answered = 0;
  let partial = false;
  outcomes.forEach((out, i) => {
    const home = calls[i]!.gw.homeCommunityId;
    if (!out.ok) {
      holding.push(home);
      return void errors.push(unavailable(home, out.reason));
    }
    errors.push(...out.value.errors.map(({ path: _p, ...e }) => e));
    if (out.value.status === STATUS.failure) return void holding.push(home);
    if (!isEmpty(out.value.objects)) holding.push(home);
    answered++;
    partial ||= out.value.status === STATUS.partialSuccess;
    // A responding gateway that forgot home would leave the consumer unable to retrieve.
    lists.push(stampHome(out.value.objects, home));
  });
  if (patient && req.home === undefined && calls.length > 0) o.memory?.learn(patient.id, holding);
  if (calls.length === 0) return answer(STATUS.success, emptyObjectList(), []);
  return answer(mergedStatus(answered, errors, partial), concatObjectLists(lists), errors);
}

/** How a retrieve reaches one community: ITI-39 by default, RAD-75 for an imaging retrieve. */
export type RetrieveVia<R extends DocRequest> = (
  gw: RespondingGatewayCaller,
  requests: R[],
  signal: AbortSignal,
) => Promise<RetrieveAnswer>;

export async function federatedRetrieve<R extends DocRequest = DocRequest>(
  requests: readonly R[],
  gateways: readonly RespondingGatewayCaller[],
  o: FanOutOptions,
  via: RetrieveVia<R> = (gw, reqs, signal) => gw.retrieve(reqs, signal),
): Promise<RetrieveAnswer> {
  const errors: XcaError[] = [];
  const groups = new Map<RespondingGatewayCaller, R[]>();
  for (const r of requests) {
    const gw = gateways.find((g) => g.homeCommunityId === r.homeCommunityId);
    if (!r.homeCommunityId)
      errors.push(
        xcaError('XDSMissingHomeCommunityId', `DocumentRequest for ${r.documentUniqueId} has no HomeCommunityId`, r.documentUniqueId),
      );
    else if (!gw)
      errors.push(xcaError('XDSUnknownCommunity', `no responding gateway is configured for ${r.homeCommunityId}`, r.homeCommunityId));
    else groups.set(gw, [...(groups.get(gw) ?? []), r]);
  }
  const entries = [...groups];
  const outcomes = await Promise.all(entries.map(([gw, reqs]) => withDeadline((signal) => via(gw, reqs, signal), o)));
  const documents: RetrieveAnswer['documents'] = [];
  let partial = false;
  outcomes.forEach((out, i) => {
    const home = entries[i]![0].homeCommunityId;
    if (!out.ok) return void errors.push(unavailable(home, out.reason));
    errors.push(...out.value.errors);
    partial ||= out.value.status === STATUS.partialSuccess;
    documents.push(...stampDocuments(out.value.documents, home));
  });
  return { status: mergedStatus(documents.length, errors, partial), errors, documents };
}

/** Runs one community call under its own deadline; a throw or a timeout is an outcome, not a crash. */
async function withDeadline<T>(call: (signal: AbortSignal) => Promise<T>, o: FanOutOptions): Promise<Outcome<T>> {
  const ctl = new AbortController();
  const timer = new AbortController();
  const after = o.after ?? sleep;
  const timeout = after(o.timeoutMs, timer.signal).then(
    (): Outcome<T> => {
      ctl.abort();
      return { ok: false, reason: `no answer within ${o.timeoutMs} ms` };
    },
    (): Outcome<T> => ({ ok: false, reason: 'cancelled' }),
  );
  const work = call(ctl.signal).then(
    (value): Outcome<T> => ({ ok: true, value }),
    (err: unknown): Outcome<T> => ({ ok: false, reason: err instanceof Error ? err.message : String(err) }),
  );
  const first = await Promise.race([work, timeout]);
  timer.abort();
  return first;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new Error('cancelled'));
      },
      { once: true },
    );
  });
}

function isEmpty(l: RegistryObjectList): boolean {
  return l.documentEntries.length + l.submissionSets.length + l.folders.length + l.objectRefs.length + l.unclassifiedPackages.length === 0;
}

function unavailable(home: string, reason: string): XcaError {
  return xcaError('XDSUnavailableCommunity', `community ${home} unavailable: ${reason}`, home);
}

function patientParam(req: AdhocQueryRequest): { slot: string; id: string } | undefined {
  for (const s of req.parameters) {
    if (PATIENT_PARAMS.includes(s.name)) {
      const id = s.values.flatMap(splitValue)[0];
      if (id) return { slot: s.name, id };
    }
  }
  return undefined;
}

function withPatient(req: AdhocQueryRequest, slot: string, id: string): AdhocQueryRequest {
  return { ...req, parameters: req.parameters.map((s) => (s.name === slot ? { ...s, values: [`'${id.replace(/'/g, "''")}'`] } : s)) };
}

function answer(status: string, objects: RegistryObjectList, errors: readonly XcaError[]): AdhocQueryResponse {
  return { kind: 'AdhocQueryResponse', status, objects, errors: errors.map((e) => ({ ...e, path: '' })), path: '' };
}
