// ITI-42 Register Document Set-b, also the registry half of ITI-41: checks a submission
// against the affinity domain and the registry, and builds the one transaction that stores it.
import {
  ASSOC,
  DE,
  DOC_ENTRY_ON_DEMAND,
  DOC_ENTRY_STABLE,
  externalIdOf,
  FOLDER,
  SS,
  STATUS,
  type Association,
  type SubmissionSet,
  type SubmitObjectsRequest,
} from '../../protocols/ebrim/index.ts';
import type {
  AssociationRecord,
  DocumentEntryRecord,
  FindingRecord,
  FolderRecord,
  StoredDocument,
  Submission,
  SubmissionSetRecord,
  XdsStore,
} from '../store/types.ts';
import type { XdsConfig } from './config.ts';
import { xdsError, xdsWarning, type XdsError } from './errors.ts';
import { documentEntryRecord, folderRecord, submissionSetRecord } from './extract.ts';
import { assignUuids } from './ids.ts';

export type Outcome = { ok: true; submission: Submission; warnings: XdsError[] } | { ok: false; errors: XdsError[] };

const DEPRECATES = new Set<string>([ASSOC.rplc, ASSOC.xfrmRplc]);
const RELATIONSHIPS = new Set<string>([ASSOC.rplc, ASSOC.xfrmRplc, ASSOC.xfrm, ASSOC.apnd, ASSOC.signs]);

export interface RegisterInput {
  request: SubmitObjectsRequest;
  /** 'repository' for ITI-41: duplicate ids in the message get the repository's code. */
  role: 'registry' | 'repository';
  documents?: StoredDocument[];
  exchangeId?: string;
}

/**
 * What the registry checks find without the store (validators, identifiers, affinity domain,
 * duplicates inside the message), in the order the errors are answered. Plain data that
 * survives structured cloning (records share their ebRIM objects, as the clone keeps), so a
 * worker thread can compute it and the event loop finish it with completeRegister.
 */
export type CheckedRegister =
  | { ok: false; errors: XdsError[] }
  | {
      ok: true;
      errors: XdsError[];
      warnings: XdsError[];
      findings: FindingRecord[];
      ss: SubmissionSet;
      ssRec: SubmissionSetRecord;
      entries: DocumentEntryRecord[];
      folders: FolderRecord[];
      associations: Association[];
      documents: StoredDocument[];
      requestPath: string;
      exchangeId?: string;
    };

export async function prepareRegister(input: RegisterInput, store: XdsStore, cfg: XdsConfig): Promise<Outcome> {
  return completeRegister(checkRegister(input, cfg), store);
}

/** The half of prepareRegister that needs no store. */
export function checkRegister(input: RegisterInput, cfg: XdsConfig): CheckedRegister {
  const errors: XdsError[] = [];
  const warnings: XdsError[] = [];
  const findings: FindingRecord[] = cfg.validate ? safeValidate(cfg, input.request) : [];
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const e = { code: 'XDSRegistryMetadataError' as const, ctx: `${f.ruleId} [${f.reqIds.join(', ')}]: ${f.message}` };
    if (f.severity === 'error' && cfg.strictness === 'strict') errors.push(xdsError(e.code, e.ctx, f.path));
    else warnings.push(xdsWarning(e.code, e.ctx, f.path));
  }

  const list = assignUuids(input.request.objects);
  const [ss, ...extraSs] = list.submissionSets;
  if (!ss || extraSs.length > 0) {
    return {
      ok: false,
      errors: [
        ...errors,
        xdsError(
          'XDSRegistryMetadataError',
          `a submission holds exactly one SubmissionSet; found ${list.submissionSets.length}`,
          input.request.path,
        ),
      ],
    };
  }
  const ssRec = submissionSetRecord(ss);
  for (const [scheme, what] of [
    [SS.uniqueId, 'uniqueId'],
    [SS.sourceId, 'sourceId'],
    [SS.patientId, 'patientId'],
  ] as const) {
    if (!externalIdOf(ss, scheme)?.value)
      errors.push(xdsError('XDSRegistryMetadataError', `SubmissionSet has no ${what} ExternalIdentifier (${scheme})`, ss.path));
  }
  if (ssRec.patientId && !cfg.acceptAnyPatient && !cfg.knownPatients.has(ssRec.patientId)) {
    errors.push(xdsError('XDSUnknownPatientId', `patient ${ssRec.patientId} is not known in this affinity domain`, ss.path));
  }

  const entries: DocumentEntryRecord[] = [];
  const dupCode = input.role === 'repository' ? 'XDSRepositoryDuplicateUniqueIdInMessage' : 'XDSRegistryDuplicateUniqueIdInMessage';
  const seen = new Set<string>([ssRec.uniqueId]);
  for (const de of list.documentEntries) {
    const rec = documentEntryRecord(de, ss.id);
    if (!rec.uniqueId)
      errors.push(
        xdsError('XDSRegistryMetadataError', `DocumentEntry ${de.id} has no uniqueId ExternalIdentifier (${DE.uniqueId})`, de.path),
      );
    if (!rec.patientId)
      errors.push(
        xdsError('XDSRegistryMetadataError', `DocumentEntry ${de.id} has no patientId ExternalIdentifier (${DE.patientId})`, de.path),
      );
    else if (ssRec.patientId && rec.patientId !== ssRec.patientId) {
      errors.push(
        xdsError(
          'XDSPatientIdDoesNotMatch',
          `DocumentEntry ${de.id} patientId ${rec.patientId} differs from the SubmissionSet's ${ssRec.patientId}`,
          de.path,
        ),
      );
    }
    if (rec.objectType !== DOC_ENTRY_STABLE && rec.objectType !== DOC_ENTRY_ON_DEMAND) {
      errors.push(
        xdsError(
          'XDSRegistryMetadataError',
          `DocumentEntry ${de.id} objectType '${rec.objectType}' is neither stable nor on-demand`,
          de.path,
        ),
      );
    }
    if (!rec.mimeType) errors.push(xdsError('XDSRegistryMetadataError', `DocumentEntry ${de.id} has no mimeType`, de.path));
    if (input.role === 'registry' && (rec.hash === undefined || rec.size === undefined || !rec.repositoryUniqueId)) {
      errors.push(
        xdsError(
          'XDSRegistryMetadataError',
          `DocumentEntry ${de.id} lacks hash, size or repositoryUniqueId, which ITI-42 requires`,
          de.path,
        ),
      );
    }
    if (rec.uniqueId && seen.has(rec.uniqueId))
      errors.push(xdsError(dupCode, `uniqueId ${rec.uniqueId} appears twice in the submission`, de.path));
    seen.add(rec.uniqueId);
    entries.push(rec);
  }

  const folders: FolderRecord[] = [];
  for (const f of list.folders) {
    const rec = folderRecord(f);
    if (!rec.uniqueId)
      errors.push(xdsError('XDSRegistryMetadataError', `Folder ${f.id} has no uniqueId ExternalIdentifier (${FOLDER.uniqueId})`, f.path));
    if (!rec.patientId)
      errors.push(xdsError('XDSRegistryMetadataError', `Folder ${f.id} has no patientId ExternalIdentifier (${FOLDER.patientId})`, f.path));
    else if (ssRec.patientId && rec.patientId !== ssRec.patientId) {
      errors.push(
        xdsError(
          'XDSPatientIdDoesNotMatch',
          `Folder ${f.id} patientId ${rec.patientId} differs from the SubmissionSet's ${ssRec.patientId}`,
          f.path,
        ),
      );
    }
    if (rec.uniqueId && seen.has(rec.uniqueId))
      errors.push(xdsError(dupCode, `uniqueId ${rec.uniqueId} appears twice in the submission`, f.path));
    seen.add(rec.uniqueId);
    folders.push(rec);
  }
  return {
    ok: true,
    errors,
    warnings,
    findings,
    ss,
    ssRec,
    entries,
    folders,
    associations: list.associations,
    documents: input.documents ?? [],
    requestPath: input.request.path,
    ...(input.exchangeId === undefined ? {} : { exchangeId: input.exchangeId }),
  };
}

/** The store half: registry-wide uniqueness and association targets, then the one transaction to commit. */
export async function completeRegister(checked: CheckedRegister, store: XdsStore): Promise<Outcome> {
  if (!checked.ok) return checked;
  const { warnings, findings, ss, ssRec, entries, folders } = checked;
  const errors = [...checked.errors];
  if ((await store.foldersByUniqueId(folders.map((f) => f.uniqueId).filter(Boolean))).length > 0) {
    errors.push(
      xdsError('XDSDuplicateUniqueIdInRegistry', 'a Folder uniqueId of this submission is already registered', checked.requestPath),
    );
  }

  // Registry-wide uniqueness (XDS-008): same bytes again is a duplicate, other bytes a hash clash.
  const existing = await store.documentsByUniqueId(entries.map((e) => e.uniqueId).filter(Boolean));
  for (const old of existing) {
    const mine = entries.find((e) => e.uniqueId === old.uniqueId)!;
    if (mine.hash !== undefined && old.hash !== undefined && mine.hash !== old.hash) {
      errors.push(
        xdsError(
          'XDSNonIdenticalHash',
          `uniqueId ${old.uniqueId} is registered with hash ${old.hash}; this submission has ${mine.hash}`,
          mine.object.path,
        ),
      );
    } else errors.push(xdsError('XDSDuplicateUniqueIdInRegistry', `uniqueId ${old.uniqueId} is already registered`, mine.object.path));
  }
  if (ssRec.uniqueId && (await store.submissionSetsByUniqueId([ssRec.uniqueId])).length > 0) {
    errors.push(xdsError('XDSDuplicateUniqueIdInRegistry', `SubmissionSet uniqueId ${ssRec.uniqueId} is already registered`, ss.path));
  }

  const assoc = await checkAssociations(checked.associations, ss.id, ssRec.patientId, entries, folders, store, errors);
  if (errors.length > 0) return { ok: false, errors: [...errors, ...warnings] };

  ss.status = STATUS.approved;
  for (const f of folders) f.object.status = STATUS.approved;
  for (const e of entries) e.object.status = STATUS.approved;
  return {
    ok: true,
    warnings,
    submission: {
      submissionSet: ssRec,
      documentEntries: entries,
      folders,
      associations: assoc.records,
      documents: checked.documents,
      deprecate: assoc.deprecate,
      findings,
      ...(checked.exchangeId === undefined ? {} : { exchangeId: checked.exchangeId }),
    },
  };
}

function safeValidate(cfg: XdsConfig, req: SubmitObjectsRequest): FindingRecord[] {
  try {
    return cfg.validate!(req);
  } catch (err) {
    return [
      {
        ruleId: 'xds.validator-crashed',
        reqIds: [],
        severity: 'warning',
        message: `metadata validator failed: ${String(err)}`,
        path: req.path,
      },
    ];
  }
}

async function checkAssociations(
  assocs: Association[],
  ssId: string,
  patientId: string,
  entries: DocumentEntryRecord[],
  folders: FolderRecord[],
  store: XdsStore,
  errors: XdsError[],
): Promise<{ records: AssociationRecord[]; deprecate: string[] }> {
  const inMessage = new Map(entries.map((e) => [e.entryUuid, e]));
  const folderIds = new Set(folders.map((f) => f.entryUuid));
  const assocIds = new Set(assocs.map((a) => a.id));
  const knownDoc = async (id: string) => inMessage.has(id) || (await store.documentsByUuid([id])).length > 0;
  const records: AssociationRecord[] = [];
  const deprecate: string[] = [];
  const members = new Set<string>();
  const targets = [...new Set(assocs.filter((a) => RELATIONSHIPS.has(a.type)).map((a) => a.target))];
  const registered = new Map((await store.documentsByUuid(targets)).map((d) => [d.entryUuid, d]));
  for (const a of assocs) {
    if (a.type === ASSOC.hasMember) {
      if (a.source === ssId && inMessage.has(a.target)) members.add(a.target);
      else if (a.source === ssId) {
        // SubmissionSet members: new folders, folder memberships, or registered entries by reference.
        const ok = folderIds.has(a.target) || assocIds.has(a.target) || (await knownDoc(a.target));
        if (!ok)
          errors.push(
            xdsError(
              'XDSRegistryMetadataError',
              `HasMember association ${a.id} targets ${a.target}, which is neither in the submission nor registered`,
              a.path,
            ),
          );
      } else if (folderIds.has(a.source) || (await store.foldersByUuid([a.source])).length > 0) {
        if (!(await knownDoc(a.target)))
          errors.push(
            xdsError(
              'XDSRegistryMetadataError',
              `Folder HasMember association ${a.id} targets ${a.target}, which is not a DocumentEntry`,
              a.path,
            ),
          );
      } else {
        errors.push(
          xdsError(
            'XDSRegistryMetadataError',
            `HasMember association ${a.id} source ${a.source} is neither the SubmissionSet nor a Folder`,
            a.path,
          ),
        );
      }
    } else if (RELATIONSHIPS.has(a.type)) {
      const src = inMessage.get(a.source);
      const target = registered.get(a.target);
      if (!src)
        errors.push(
          xdsError(
            'XDSRegistryMetadataError',
            `${short(a.type)} association ${a.id}: source ${a.source} must be a DocumentEntry of this submission`,
            a.path,
          ),
        );
      if (!target) {
        errors.push(
          xdsError(
            'XDSRegistryMetadataError',
            `${short(a.type)} association ${a.id}: target ${a.target} is not a registered DocumentEntry`,
            a.path,
          ),
        );
      } else if (target.status !== 'Approved') {
        errors.push(
          xdsError('XDSRegistryDeprecatedDocumentError', `${short(a.type)} association ${a.id}: target ${a.target} is Deprecated`, a.path),
        );
      } else if (target.patientId !== patientId) {
        errors.push(
          xdsError(
            'XDSPatientIdDoesNotMatch',
            `${short(a.type)} association ${a.id}: target belongs to patient ${target.patientId}`,
            a.path,
          ),
        );
      } else if (src && DEPRECATES.has(a.type)) {
        // The replacement continues the replaced document's logical id (ITI TF-3 4.1.7).
        src.logicalId = target.logicalId;
        src.object.lid = target.logicalId;
        if (!deprecate.includes(target.entryUuid)) deprecate.push(target.entryUuid);
      }
    } else {
      errors.push(xdsError('XDSRegistryMetadataError', `association ${a.id} has an unknown type '${a.type}'`, a.path));
    }
    a.status = STATUS.approved;
    records.push({
      entryUuid: a.id,
      type: a.type,
      sourceUuid: a.source,
      targetUuid: a.target,
      status: 'Approved',
      submissionSetUuid: ssId,
      object: a,
    });
  }
  for (const e of entries) {
    if (!members.has(e.entryUuid)) {
      errors.push(
        xdsError(
          'XDSRegistryMetadataError',
          `DocumentEntry ${e.entryUuid} is not linked to the SubmissionSet by a HasMember association`,
          e.object.path,
        ),
      );
    }
  }
  return { records, deprecate };
}

const short = (type: string) => type.slice(type.lastIndexOf(':') + 1);
