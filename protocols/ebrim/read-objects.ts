// Reads a rim:RegistryObjectList into typed objects, keeping XPaths with predicates that
// name the object (ids, slot names, schemes) so a finding is readable without the file.
import {
  ASSOC,
  DE,
  DOC_ENTRY_ON_DEMAND,
  DOC_ENTRY_STABLE,
  FOLDER,
  FOLDER_NODE,
  SLOT,
  SS,
  STATUS,
  SUBMISSION_SET_NODE,
} from './constants.ts';
import type {
  Association,
  DocumentEntry,
  Classification,
  ExternalIdentifier,
  LocalizedString,
  ObjectRef,
  RegistryObject,
  RegistryObjectList,
  Slot,
} from './model.ts';
import { NS, type XmlElement } from '../xml/index.ts';

const RIM = NS.rim;

// Schemes, slot names and short values repeat in every entry. Sharing one string per value
// makes the many comparisons rules do on them (find by scheme, value-set lookups) a pointer
// check instead of a character walk over a slice of the document.
// Seeded with the constants rules compare against, so a match is the very same string.
const SEED = [
  DOC_ENTRY_STABLE,
  DOC_ENTRY_ON_DEMAND,
  FOLDER_NODE,
  SUBMISSION_SET_NODE,
  ...[DE, SS, FOLDER, SLOT, ASSOC, STATUS].flatMap((o) => Object.values(o)),
];
const interned = new Map<string, string>(SEED.map((k) => [k, k]));
function intern(s: string): string {
  if (s.length > 64) return s;
  const v = interned.get(s);
  if (v !== undefined) return v;
  if (interned.size >= 20_000) {
    interned.clear();
    for (const k of SEED) interned.set(k, k);
  }
  interned.set(s, s);
  return s;
}
const internOpt = (s: string | undefined): string | undefined => (s === undefined ? s : intern(s));

/** Supplies an ExtrinsicObject already read (and pruned) while scanning; see read-lean.ts. */
export type PreRead = (el: XmlElement, path: string) => DocumentEntry | undefined;

export function readRegistryObjectList(list: XmlElement | undefined, path: string, pre?: PreRead): RegistryObjectList {
  const out: RegistryObjectList = {
    documentEntries: [],
    submissionSets: [],
    folders: [],
    associations: [],
    objectRefs: [],
    unclassifiedPackages: [],
    path,
  };
  if (!list) return out;
  const idCount = new Map<string, number>();
  for (const c of list.children) if (c.ns === RIM && c.attrs['id']) idCount.set(c.attrs['id'], (idCount.get(c.attrs['id']) ?? 0) + 1);
  const pos = new Map<string, number>();
  for (const el of list.children) {
    if (el.ns !== RIM) continue;
    const n = (pos.get(el.name) ?? 0) + 1;
    pos.set(el.name, n);
    const id = el.attrs['id'] ?? '';
    // Name objects by id when it is unique and quotable; else by position.
    const step = id && idCount.get(id) === 1 && !id.includes("'") ? `rim:${el.name}[@id='${id}']` : `rim:${el.name}[${n}]`;
    const p = `${path}/${step}`;
    switch (el.name) {
      case 'ExtrinsicObject':
        out.documentEntries.push(pre?.(el, p) ?? readDocumentEntry(el, p));
        break;
      case 'RegistryPackage': {
        const base = readRegistryObject(el, p);
        // The package kind comes from a classification by node, inline or at list level.
        const nodes = new Set([
          ...base.classifications.map((c) => c.node),
          ...list.children
            .filter((c) => c.ns === RIM && c.name === 'Classification' && c.attrs['classifiedObject'] === id)
            .map((c) => c.attrs['classificationNode']),
        ]);
        if (nodes.has(SUBMISSION_SET_NODE)) out.submissionSets.push({ kind: 'SubmissionSet', ...base });
        else if (nodes.has(FOLDER_NODE)) out.folders.push({ kind: 'Folder', ...base });
        else out.unclassifiedPackages.push(base);
        break;
      }
      case 'Association':
        out.associations.push(readAssociation(el, p));
        break;
      case 'ObjectRef':
        out.objectRefs.push({ id, ...opt('home', el.attrs['home']), path: p });
        break;
      case 'Classification': {
        // A list-level classification (SubmissionSet/Folder marker): attach it to its object.
        const c = readClassification(el, p);
        const target = [...out.submissionSets, ...out.folders, ...out.unclassifiedPackages, ...out.documentEntries].find(
          (o) => o.id === c.classifiedObject,
        );
        target?.classifications.push(c);
        break;
      }
    }
  }
  // Packages met before their list-level classification are re-sorted.
  for (const pkg of [...out.unclassifiedPackages]) {
    if (pkg.classifications.some((c) => c.node === SUBMISSION_SET_NODE)) move(out, pkg, 'SubmissionSet');
    else if (pkg.classifications.some((c) => c.node === FOLDER_NODE)) move(out, pkg, 'Folder');
  }
  return out;
}

export function readDocumentEntry(el: XmlElement, path: string): DocumentEntry {
  return {
    kind: 'DocumentEntry',
    ...readRegistryObject(el, path),
    ...opt('mimeType', el.attrs['mimeType']),
    ...opt('isOpaque', el.attrs['isOpaque']),
  };
}

function move(out: RegistryObjectList, pkg: RegistryObject, kind: 'SubmissionSet' | 'Folder'): void {
  out.unclassifiedPackages.splice(out.unclassifiedPackages.indexOf(pkg), 1);
  if (kind === 'SubmissionSet') out.submissionSets.push({ kind, ...pkg });
  else out.folders.push({ kind, ...pkg });
}

export function readRegistryObject(el: XmlElement, path: string): RegistryObject {
  const a = el.attrs;
  const o: RegistryObject = { id: a['id'] ?? '', slots: [], classifications: [], externalIdentifiers: [], path };
  if (a['lid'] !== undefined) o.lid = a['lid'];
  if (a['status'] !== undefined) o.status = a['status'];
  if (a['home'] !== undefined) o.home = a['home'];
  if (a['objectType'] !== undefined) o.objectType = a['objectType'];
  o.slots = readSlots(el, path);
  const name = localized(el, 'Name', path);
  if (name) o.name = name;
  const desc = localized(el, 'Description', path);
  if (desc) o.description = desc;
  // Classification paths carry [n] only when a scheme repeats (eventCodeList does), so
  // keys are counted first.
  let counts: Map<string, number> | undefined;
  for (const c of el.children) {
    if (c.ns !== RIM || c.name !== 'Classification') continue;
    const key = classKey(c);
    counts ??= new Map();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  for (const c of el.children) {
    if (c.ns !== RIM) continue;
    if (c.name === 'Classification') {
      const key = classKey(c);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      o.classifications.push(readClassification(c, `${path}/rim:Classification[${key}]${counts!.get(key)! > 1 ? `[${n}]` : ''}`));
    } else if (c.name === 'ExternalIdentifier') {
      const scheme = intern(c.attrs['identificationScheme'] ?? '');
      const n = (seen.get(scheme) ?? 0) + 1;
      seen.set(scheme, n);
      o.externalIdentifiers.push(
        readExternalIdentifier(c, `${path}/rim:ExternalIdentifier[@identificationScheme='${scheme}']${n > 1 ? `[${n}]` : ''}`),
      );
    }
  }
  return o;
}

function classKey(c: XmlElement): string {
  const s = internOpt(c.attrs['classificationScheme']);
  return s ? `@classificationScheme='${s}'` : `@classificationNode='${c.attrs['classificationNode'] ?? ''}'`;
}

function readClassification(el: XmlElement, path: string): Classification {
  const a = el.attrs;
  const c: Classification = { id: a['id'] ?? '', classifiedObject: a['classifiedObject'] ?? '', slots: readSlots(el, path), path };
  if (a['classificationScheme'] !== undefined) c.scheme = intern(a['classificationScheme']);
  if (a['classificationNode'] !== undefined) c.node = intern(a['classificationNode']);
  if (a['nodeRepresentation'] !== undefined) c.nodeRepresentation = intern(a['nodeRepresentation']);
  const name = localized(el, 'Name', path);
  if (name) c.name = name;
  return c;
}

function readExternalIdentifier(el: XmlElement, path: string): ExternalIdentifier {
  const e: ExternalIdentifier = {
    id: el.attrs['id'] ?? '',
    scheme: intern(el.attrs['identificationScheme'] ?? ''),
    value: el.attrs['value'] ?? '',
    registryObject: el.attrs['registryObject'] ?? '',
    path,
  };
  const name = localized(el, 'Name', path);
  if (name) e.name = name;
  return e;
}

function readAssociation(el: XmlElement, path: string): Association {
  return {
    kind: 'Association',
    id: el.attrs['id'] ?? '',
    type: el.attrs['associationType'] ?? '',
    source: el.attrs['sourceObject'] ?? '',
    target: el.attrs['targetObject'] ?? '',
    ...opt('status', el.attrs['status']),
    slots: readSlots(el, path),
    path,
  };
}

export function readSlots(el: XmlElement, path: string): Slot[] {
  const out: Slot[] = [];
  for (const s of el.children) {
    if (s.ns !== RIM || s.name !== 'Slot') continue;
    const name = intern(s.attrs['name'] ?? '');
    const values: string[] = [];
    for (const vl of s.children) {
      if (vl.ns !== RIM || vl.name !== 'ValueList') continue;
      for (const v of vl.children) if (v.ns === RIM && v.name === 'Value') values.push(intern(v.text));
    }
    out.push({ name, values, path: `${path}/rim:Slot[@name='${name}']` });
  }
  return out;
}

function localized(el: XmlElement, which: 'Name' | 'Description', path: string): LocalizedString | undefined {
  const n = el.children.find((c) => c.ns === RIM && c.name === which);
  const ls = n?.children.find((c) => c.ns === RIM && c.name === 'LocalizedString');
  if (!ls) return undefined;
  return { value: ls.attrs['value'] ?? '', path: `${path}/rim:${which}/rim:LocalizedString/@value` };
}

export function readObjectRef(el: XmlElement, path: string): ObjectRef {
  return { id: el.attrs['id'] ?? '', ...opt('home', el.attrs['home']), path };
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}
