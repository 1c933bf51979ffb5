// ITI-41 / RAD-68 Provide and Register, the repository half: pairs each xds:Document with
// its DocumentEntry, computes hash and size over the bytes, adds repositoryUniqueId, then
// registers (ITI TF-2 3.41.4.1.3).
import { createHash } from 'node:crypto';
import { DE, externalIdOf, slotValues, type DocumentEntry, type Slot, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { normalizeCid, type MtomPart } from '../../protocols/mtom/index.ts';
import type { StoredDocument, XdsStore } from '../store/types.ts';
import type { XdsConfig } from './config.ts';
import { xdsError, type XdsError } from './errors.ts';
import { checkRegister, completeRegister, type CheckedRegister, type Outcome } from './register.ts';

/** The repository's findings over the documents and the registry's store-free checks: plain data (see CheckedRegister). */
export interface CheckedProvide {
  errors: XdsError[];
  register: CheckedRegister;
}

/**
 * The arrays of a CheckedProvide that grow with the submission, as dotted paths: a worker sends
 * them in pieces (kit/worker-pieces.ts). Not the documents: whether they can go in pieces
 * depends on where their bytes live (each worker says).
 */
export const CHECKED_PROVIDE_LONG_ARRAYS = [
  'errors',
  'register.errors',
  'register.warnings',
  'register.findings',
  'register.entries',
  'register.folders',
  'register.associations',
] as const;

export async function prepareProvide(
  req: SubmitObjectsRequest,
  parts: ReadonlyMap<string, MtomPart>,
  store: XdsStore,
  cfg: XdsConfig,
  exchangeId?: string,
): Promise<Outcome> {
  return completeProvide(checkProvide(req, parts, cfg, exchangeId), store);
}

/** The half of prepareProvide that needs no store: it can run on a worker thread (submission-off-loop.ts). */
export function checkProvide(
  req: SubmitObjectsRequest,
  parts: ReadonlyMap<string, MtomPart>,
  cfg: XdsConfig,
  exchangeId?: string,
): CheckedProvide {
  const errors: XdsError[] = [];
  const byId = new Map<string, Buffer>();
  for (const d of req.documents ?? []) {
    if (byId.has(d.id)) {
      errors.push(xdsError('XDSRepositoryDuplicateUniqueIdInMessage', `two xds:Document elements have id ${d.id}`, d.path));
      continue;
    }
    if (d.include !== undefined) {
      const part = parts.get(normalizeCid(d.include));
      if (!part) {
        errors.push(
          xdsError('XDSMissingDocument', `xds:Document ${d.id} includes ${d.include}, which is not a part of the message`, d.path),
        );
        continue;
      }
      byId.set(d.id, part.data);
    } else if (d.content !== undefined) byId.set(d.id, Buffer.from(d.content));
    else errors.push(xdsError('XDSMissingDocument', `xds:Document ${d.id} has no content`, d.path));
  }
  const entryIds = new Set(req.objects.documentEntries.map((de) => de.id));
  for (const id of byId.keys()) {
    if (!entryIds.has(id))
      errors.push(xdsError('XDSMissingDocumentMetadata', `xds:Document ${id} has no ExtrinsicObject with that id`, req.path));
  }
  const documents: StoredDocument[] = [];
  for (const de of req.objects.documentEntries) {
    const data = byId.get(de.id);
    if (!data) {
      if (!errors.some((e) => e.codeContext.includes(de.id)))
        errors.push(xdsError('XDSMissingDocument', `DocumentEntry ${de.id} has no xds:Document`, de.path));
      continue;
    }
    const hash = createHash('sha1').update(data).digest('hex');
    const size = data.length;
    const given = { hash: slotValues(de, 'hash')[0], size: slotValues(de, 'size')[0] };
    if (given.hash !== undefined && given.hash.toLowerCase() !== hash) {
      errors.push(
        xdsError(
          'XDSRepositoryMetadataError',
          `DocumentEntry ${de.id} hash slot ${given.hash} does not match the document (${hash})`,
          de.path,
        ),
      );
    }
    if (given.size !== undefined && given.size !== String(size)) {
      errors.push(
        xdsError(
          'XDSRepositoryMetadataError',
          `DocumentEntry ${de.id} size slot ${given.size} does not match the document (${size} bytes)`,
          de.path,
        ),
      );
    }
    const given_repo = slotValues(de, 'repositoryUniqueId')[0];
    if (given_repo !== undefined && given_repo !== cfg.repositoryUniqueId) {
      errors.push(
        xdsError(
          'XDSRepositoryMetadataError',
          `DocumentEntry ${de.id} repositoryUniqueId ${given_repo} is not this repository (${cfg.repositoryUniqueId})`,
          de.path,
        ),
      );
    }
    setSlots(de, { hash, size: String(size), repositoryUniqueId: cfg.repositoryUniqueId });
    const uniqueId = externalIdOf(de, DE.uniqueId)?.value ?? '';
    documents.push({
      uniqueId,
      repositoryUniqueId: cfg.repositoryUniqueId,
      mimeType: de.mimeType ?? 'application/octet-stream',
      hash,
      size,
      data,
    });
  }
  // Validators see the documents' bytes, whichever way they travelled.
  const resolved: SubmitObjectsRequest = {
    ...req,
    documents: [...byId].map(([id, data]) => ({
      id,
      content: new Uint8Array(data),
      path: req.documents?.find((d) => d.id === id)?.path ?? '',
    })),
  };
  const register = checkRegister(
    { request: resolved, role: 'repository', documents, ...(exchangeId === undefined ? {} : { exchangeId }) },
    cfg,
  );
  return { errors, register };
}

/** The store half: the registry's store checks; the repository's errors come first in the answer. */
export async function completeProvide(checked: CheckedProvide, store: XdsStore): Promise<Outcome> {
  const registered = await completeRegister(checked.register, store);
  if (checked.errors.length === 0) return registered;
  return { ok: false, errors: [...checked.errors, ...(registered.ok ? registered.warnings : registered.errors)] };
}

function setSlots(de: DocumentEntry, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const slot: Slot = { name, values: [value], path: '' };
    const i = de.slots.findIndex((s) => s.name === name);
    if (i >= 0) de.slots[i] = slot;
    else de.slots.push(slot);
  }
}
