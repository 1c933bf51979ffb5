// ITI-65 structural checks of a transaction Bundle before any mapping: it is a transaction,
// each entry is valid R4 of a type the recipient takes, POSTed, and references resolve inside
// the Bundle (FHIR R4 http.html#trules). Problems become Issues with FHIRPath expressions.
import type { Binary, Bundle, BundleEntry, Reference, Resource } from 'fhir/r4.js';
import { nonObjectEntries, validateR4Schema } from '../../protocols/fhir/index.ts';
import { cxOfPatientId } from './ids.ts';
import { patientResource } from './served-resources.ts';
import { MhdFailure, type Issue } from './outcomes.ts';

export const ACCEPTED_TYPES = new Set(['List', 'DocumentReference', 'Binary', 'Patient']);

export interface IndexedEntry {
  index: number;
  path: string;
  fullUrl: string;
  resource: Resource;
}

export interface BundleIndex {
  bundle: Bundle;
  entries: IndexedEntry[];
  /** Resolves a reference made from inside the Bundle (fullUrl, Type/id, or one of our Patient ids). */
  resolve(ref: Reference | undefined): Resource | undefined;
  entryOf(ref: string | undefined): IndexedEntry | undefined;
}

/** Entries validated between two yields to the event loop: about a few ms of schema work. */
const YIELD_EVERY = 100;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function indexBundle(body: unknown, maxEntries = Number.POSITIVE_INFINITY): Promise<BundleIndex> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new MhdFailure(400, [{ code: 'structure', diagnostics: 'the body is not a JSON object' }]);
  const rt = (body as { resourceType?: unknown }).resourceType;
  if (rt !== 'Bundle')
    throw new MhdFailure(400, [
      {
        code: 'not-supported',
        diagnostics: `POST [base] takes a transaction Bundle; found resourceType ${JSON.stringify(rt)}`,
        expression: 'Bundle.resourceType',
      },
    ]);
  const bundle = body as Bundle;
  if (bundle.type !== 'transaction')
    throw new MhdFailure(400, [
      {
        code: 'not-supported',
        diagnostics: `ITI-65 needs Bundle.type transaction; found ${JSON.stringify(bundle.type)}`,
        expression: 'Bundle.type',
      },
    ]);
  const issues: Issue[] = nonObjectEntries(bundle).map((p) => ({ code: 'structure', diagnostics: p.message, expression: p.path }));
  if (issues.length) throw new MhdFailure(400, issues);
  const rawEntries: BundleEntry[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  // Cheap checks before schema work (issue 16 item 3): the entry count against the configured
  // limit, then duplicate fullUrls, each one pass over the array.
  if (rawEntries.length > maxEntries) {
    throw new MhdFailure(413, [
      {
        code: 'too-costly',
        diagnostics: `the Bundle has ${rawEntries.length} entries; this recipient takes at most ${maxEntries} per ITI-65 (mcwg simulate mhd --max-entries)`,
        expression: 'Bundle.entry',
      },
    ]);
  }
  const seen = new Map<string, number>();
  rawEntries.forEach((e, index) => {
    const url = typeof e?.fullUrl === 'string' ? e.fullUrl : undefined;
    if (url === undefined) return;
    const first = seen.get(url);
    if (first !== undefined)
      issues.push({
        code: 'duplicate',
        diagnostics: `fullUrl ${JSON.stringify(url.slice(0, 200))} is also Bundle.entry[${first}]'s (FHIR R4 bundle.html: fullUrl unique in a Bundle)`,
        expression: `Bundle.entry[${index}].fullUrl`,
      });
    else seen.set(url, index);
  });
  // The document uniqueId (masterIdentifier) twice in one submission: the store would refuse it
  // only after all the work (XDSRegistryDuplicateUniqueIdInMessage); say so first.
  const uniqueIds = new Map<string, number>();
  rawEntries.forEach((e, index) => {
    const r = e?.resource as { resourceType?: unknown; masterIdentifier?: { value?: unknown } } | undefined;
    const v =
      r?.resourceType === 'DocumentReference' && typeof r.masterIdentifier?.value === 'string' ? r.masterIdentifier.value : undefined;
    if (v === undefined) return;
    const first = uniqueIds.get(v);
    if (first !== undefined)
      issues.push({
        code: 'duplicate',
        diagnostics: `masterIdentifier ${JSON.stringify(v.slice(0, 200))} is also Bundle.entry[${first}]'s: a document uniqueId appears once per submission`,
        expression: `Bundle.entry[${index}].resource.masterIdentifier`,
      });
    else uniqueIds.set(v, index);
  });
  if (issues.length) throw new MhdFailure(400, issues.slice(0, 100));
  const shell = {
    ...bundle,
    entry: rawEntries.map((e) => {
      const c = { ...e };
      delete c.resource;
      return c;
    }),
  };
  for (const s of validateR4Schema(shell, 'Bundle')) issues.push({ code: 'structure', diagnostics: s.message, expression: s.path });
  const entries: IndexedEntry[] = [];
  for (let index = 0; index < rawEntries.length; index++) {
    // Schema work on a big Bundle yields now and then, so /metadata and small queries still answer.
    if (index > 0 && index % YIELD_EVERY === 0) await yieldToLoop();
    const e = rawEntries[index]!;
    const path = `Bundle.entry[${index}]`;
    const r = e.resource as Resource | undefined;
    if (!r || typeof r !== 'object') {
      issues.push({ code: 'required', diagnostics: 'entry has no resource', expression: `${path}.resource` });
      continue;
    }
    if (!ACCEPTED_TYPES.has(r.resourceType)) {
      issues.push({
        code: 'not-supported',
        diagnostics: `ITI-65 takes List, DocumentReference, Binary and Patient; found ${String(r.resourceType)}`,
        expression: `${path}.resource.resourceType`,
      });
      continue;
    }
    for (const s of validateR4Schema(r, `${path}.resource`)) issues.push({ code: 'structure', diagnostics: s.message, expression: s.path });
    if (e.request?.method !== 'POST')
      issues.push({
        code: 'not-supported',
        diagnostics: `ITI-65 entries are created with POST; found ${String(e.request?.method)}`,
        expression: `${path}.request.method`,
      });
    if (!e.fullUrl)
      issues.push({ code: 'required', diagnostics: 'entry has no fullUrl, so nothing can reference it', expression: `${path}.fullUrl` });
    entries.push({ index, path: `${path}.resource`, fullUrl: e.fullUrl ?? '', resource: r });
  }
  if (rawEntries.length === 0) issues.push({ code: 'required', diagnostics: 'the Bundle has no entries', expression: 'Bundle.entry' });
  if (issues.length) throw new MhdFailure(400, issues);

  const byFullUrl = new Map(entries.map((e) => [e.fullUrl, e]));
  const entryOf = (ref: string | undefined): IndexedEntry | undefined => {
    if (!ref) return undefined;
    const direct = byFullUrl.get(ref);
    if (direct) return direct;
    const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
    return m
      ? entries.find((e) => e.resource.resourceType === m[1] && (e.resource.id === m[2] || e.fullUrl.endsWith(`/${m[1]}/${m[2]}`)))
      : undefined;
  };
  const resolve = (ref: Reference | undefined): Resource | undefined => {
    const found = entryOf(ref?.reference)?.resource;
    if (found) return found;
    const pid = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(ref?.reference ?? '')?.[1];
    const cx = pid ? cxOfPatientId(pid) : undefined;
    return cx ? patientResource(cx) : undefined;
  };
  return { bundle, entries, resolve, entryOf };
}

/** Decoded Binary.data; base64 that does not decode is an issue, not a crash. */
export function binaryBytes(b: Binary, path: string, maxBytes: number): Buffer {
  const data = (b.data ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) {
    throw new MhdFailure(400, [{ code: 'invalid', diagnostics: 'Binary.data is not base64', expression: `${path}.data` }]);
  }
  // 3 bytes per 4 characters: refuse before decoding a body over the limit.
  const size = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (size > maxBytes)
    throw new MhdFailure(413, [
      { code: 'too-long', diagnostics: `Binary.data holds ${size} bytes, over the limit of ${maxBytes}`, expression: `${path}.data` },
    ]);
  return Buffer.from(data, 'base64');
}
