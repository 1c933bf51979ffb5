// ITI-65 Provide Document Bundle (MHD 4.2 ITI TF-2 3.65), the part that needs no store: the
// Bundle's structure, attachments and references are checked and it is mapped to the XDS
// submission it stands for, then run through the MHD validator. Pure work on the request, so
// it can run on a worker thread (bundle-worker.ts) while the event loop keeps answering;
// provide-bundle.ts then registers the result over the store.
import { createHash } from 'node:crypto';
import type { Binary, Bundle, DocumentReference, List } from 'fhir/r4.js';
import { ASSOC, type Association, type DocumentEntry, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { ASSOC_OF_RELATES_TO, MHD_LIST_TYPES, toDocumentEntry, toSubmissionSet } from '../../protocols/fhir/index.ts';
import type { FindingRecord } from '../store/types.ts';
import type { CheckedProvide } from '../xds/provide.ts';
import { binaryBytes, indexBundle, type IndexedEntry } from './bundle-index.ts';
import type { MhdConfig } from './config.ts';
import { entryUuidOf } from './ids.ts';
import { MhdFailure, type Issue } from './outcomes.ts';

/** What a Bundle entry's response location names: the SubmissionSet, the n-th document (or its Binary), the Patient. */
export type EntryLayout =
  | { type: 'List' }
  | { type: 'DocumentReference'; doc: number }
  | { type: 'Binary'; doc: number }
  | { type: 'Patient' };

export type PreparedBundle = {
  /** The MHD validator's findings (errors already refused when strict). */
  findings: FindingRecord[];
  /** One per Bundle entry, in Bundle order. */
  layout: EntryLayout[];
} & (
  | {
      /** The XDS submission the Bundle stands for, documents included, in the Bundle's DocumentReference order. */
      request: SubmitObjectsRequest;
      checked?: undefined;
    }
  | {
      /** The XDS store-free checks of that submission, when a worker already ran them (bundle-off-loop.ts); else provide-bundle.ts runs them. */
      checked: CheckedProvide;
      request?: undefined;
    }
);

/** Checks and maps a parsed ITI-65 body; throws MhdFailure with the Bundle's problems. */
export async function prepareBundle(body: unknown, cfg: MhdConfig): Promise<PreparedBundle> {
  const idx = await indexBundle(body, cfg.maxBundleEntries);
  const of = <T>(type: string) => idx.entries.filter((e) => e.resource.resourceType === type) as (IndexedEntry & { resource: T })[];
  const lists = of<List>('List');
  const ssEntries = lists.filter((l) =>
    l.resource.code?.coding?.some((c) => c.code === 'submissionset' && (!c.system || c.system.endsWith('MHDlistTypes'))),
  );
  if (ssEntries.length !== 1 || lists.length !== 1) {
    throw new MhdFailure(422, [
      {
        code: 'invariant',
        diagnostics: `ITI-65 carries exactly one SubmissionSet List (code ${MHD_LIST_TYPES}|submissionset) and no Folder; found ${ssEntries.length} SubmissionSet(s) in ${lists.length} List(s)`,
        expression: 'Bundle.entry',
      },
    ]);
  }
  const ssEntry = ssEntries[0]!;
  const docRefs = of<DocumentReference>('DocumentReference');
  const issues: Issue[] = [];
  const bytesOf = new Map<number, Buffer>();
  const binaryOwner = new Map<number, number>();
  docRefs.forEach((d) => {
    const url = d.resource.content?.[0]?.attachment?.url;
    const at = `${d.path}.content[0].attachment`;
    const target = idx.entryOf(url);
    if (!target || target.resource.resourceType !== 'Binary') {
      return void issues.push({
        code: 'not-found',
        diagnostics: `attachment.url ${JSON.stringify(url)} does not resolve to a Binary in the Bundle`,
        expression: `${at}.url`,
      });
    }
    const bin = target.resource as Binary;
    const bytes = binaryBytes(bin, target.path, cfg.maxBinaryBytes);
    bytesOf.set(d.index, bytes);
    binaryOwner.set(target.index, d.index);
    const att = d.resource.content[0]!.attachment;
    if (att.contentType && bin.contentType !== att.contentType) {
      issues.push({
        code: 'invariant',
        diagnostics: `Binary.contentType ${bin.contentType} differs from attachment.contentType ${att.contentType}`,
        expression: `${target.path}.contentType`,
      });
    }
    const sha1 = createHash('sha1').update(bytes).digest('base64');
    if (att.hash !== undefined && att.hash !== sha1) {
      issues.push({
        code: 'invalid',
        xdsCode: 'XDSRepositoryMetadataError',
        diagnostics: `attachment.hash ${att.hash} is not the SHA-1 of the Binary (${sha1})`,
        expression: `${at}.hash`,
      });
    }
    if (att.size !== undefined && att.size !== bytes.length) {
      issues.push({
        code: 'invalid',
        xdsCode: 'XDSRepositoryMetadataError',
        diagnostics: `attachment.size ${att.size} is not the Binary's length (${bytes.length})`,
        expression: `${at}.size`,
      });
    }
    if (d.resource.subject?.reference && !idx.resolve(d.resource.subject)) {
      issues.push({
        code: 'not-found',
        diagnostics: `subject ${d.resource.subject.reference} does not resolve in the Bundle or to a known Patient`,
        expression: `${d.path}.subject`,
      });
    }
  });
  for (const b of of<Binary>('Binary')) {
    if (!binaryOwner.has(b.index))
      issues.push({
        code: 'invariant',
        diagnostics: 'Binary is not the attachment of any DocumentReference in the Bundle',
        expression: b.path,
      });
  }
  const list = ssEntry.resource;
  if (list.subject?.reference && !idx.resolve(list.subject)) {
    issues.push({
      code: 'not-found',
      diagnostics: `subject ${list.subject.reference} does not resolve in the Bundle or to a known Patient`,
      expression: `${ssEntry.path}.subject`,
    });
  }
  if (issues.length) throw new MhdFailure(issues.some((i) => i.code === 'not-found') ? 400 : 422, issues);

  // Mapping to XDS: symbolic ids, replaced by UUIDs at registration (ITI TF-3 4.2.3.1.5).
  const ss = toSubmissionSet(list, { path: ssEntry.path, systems: cfg.systems, resolve: (r) => idx.resolve({ reference: r }) });
  const entries = docRefs.map((d, i) => {
    const copy = { ...d.resource };
    delete copy.id;
    const de = toDocumentEntry(copy, { path: d.path, systems: cfg.systems, resolve: (r) => idx.resolve({ reference: r }) });
    return de.id.startsWith('urn:uuid:') ? de : renamed(de, `DocumentEntry${i + 1}`);
  });
  const entryOfIndex = new Map(docRefs.map((d, i) => [d.index, entries[i]!]));
  const docOrdinal = new Map(docRefs.map((d, i) => [d.index, i]));
  const associations: Association[] = [];
  const assoc = (type: string, source: string, target: string, path: string, original = false) =>
    associations.push({
      kind: 'Association',
      id: `Association${associations.length + 1}`,
      type,
      source,
      target,
      slots: original ? [{ name: 'SubmissionSetStatus', values: ['Original'], path }] : [],
      path,
    });
  (list.entry ?? []).forEach((item, k) => {
    const p = `${ssEntry.path}.entry[${k}].item`;
    const local = idx.entryOf(item.item?.reference);
    const mine = local ? entryOfIndex.get(local.index) : undefined;
    if (mine) return void assoc(ASSOC.hasMember, ss.id, mine.id, p, true);
    const uuid = /DocumentReference\/([^/]+)$/.exec(item.item?.reference ?? '')?.[1];
    const target = uuid ? entryUuidOf(uuid) : undefined;
    if (!target)
      return void issues.push({
        code: 'not-found',
        diagnostics: `List entry ${JSON.stringify(item.item?.reference)} is neither a DocumentReference of the Bundle nor one registered here`,
        expression: p,
      });
    assoc(ASSOC.hasMember, ss.id, target, p);
  });
  docRefs.forEach((d, i) =>
    (d.resource.relatesTo ?? []).forEach((rel, k) => {
      const p = `${d.path}.relatesTo[${k}]`;
      const id = /DocumentReference\/([^/]+)$/.exec(rel.target?.reference ?? '')?.[1];
      const target = id ? entryUuidOf(id) : undefined;
      const type = ASSOC_OF_RELATES_TO[rel.code];
      if (!target || !type)
        return void issues.push({
          code: 'not-found',
          diagnostics: `relatesTo ${rel.code} ${JSON.stringify(rel.target?.reference)} does not name a registered DocumentReference`,
          expression: `${p}.target`,
        });
      assoc(type, entries[i]!.id, target, p);
    }),
  );
  if (issues.length) throw new MhdFailure(400, issues);

  const findings = safeValidate(cfg, idx.bundle);
  const rejecting = findings.filter((f) => f.severity === 'error' && cfg.xds.strictness === 'strict');
  if (rejecting.length) {
    throw new MhdFailure(
      422,
      rejecting.map((f) => ({ code: 'invariant', diagnostics: `${f.ruleId} [${f.reqIds.join(', ')}]: ${f.message}`, expression: f.path })),
    );
  }
  const req: SubmitObjectsRequest = {
    kind: 'SubmitObjectsRequest',
    objects: {
      submissionSets: [ss],
      documentEntries: entries,
      folders: [],
      associations,
      objectRefs: [],
      unclassifiedPackages: [],
      path: 'Bundle',
    },
    documents: docRefs.map((d, i) => ({ id: entries[i]!.id, content: bytesOf.get(d.index)!, path: d.path })),
    path: 'Bundle',
  };
  const layout = idx.entries.map((e): EntryLayout => {
    switch (e.resource.resourceType) {
      case 'List':
        return { type: 'List' };
      case 'DocumentReference':
        return { type: 'DocumentReference', doc: docOrdinal.get(e.index)! };
      case 'Binary':
        return { type: 'Binary', doc: docOrdinal.get(binaryOwner.get(e.index)!)! };
      default:
        return { type: 'Patient' };
    }
  });
  return { request: req, findings, layout };
}

/** The same entry under another id, references included. */
function renamed(de: DocumentEntry, id: string): DocumentEntry {
  return {
    ...de,
    id,
    classifications: de.classifications.map((c) => ({ ...c, classifiedObject: id })),
    externalIdentifiers: de.externalIdentifiers.map((x) => ({ ...x, registryObject: id })),
  };
}

function safeValidate(cfg: MhdConfig, bundle: Bundle): FindingRecord[] {
  if (!cfg.validate) return [];
  try {
    return cfg.validate(bundle);
  } catch (err) {
    return [
      { ruleId: 'mhd.validator-crashed', reqIds: [], severity: 'warning', message: `MHD validator failed: ${String(err)}`, path: 'Bundle' },
    ];
  }
}
