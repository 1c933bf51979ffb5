// What a KOS rule sees: the parsed file plus accessors that build tag paths.
import { childPath, itemPath, type DataSet, type Part10 } from '../../protocols/dicom/data-set.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import { loadValueSets, type ValueSets } from '../catalogue/value-sets.ts';
import type { StudyGroup } from './study-group.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface KosView {
  artefact: string;
  file: Part10;
  d: Dicom;
  root: DataSet;
  /** Derived lists several rules share, built on first use (a plain object, not a WeakMap: cheaper to collect). */
  memo: { series?: DataSet[]; instances?: { series: DataSet; item: DataSet }[]; backReferences?: unknown };
}

export interface KosCtx {
  valueSets: ValueSets;
  /** The KOS of the same study read alongside: a manifest checks its KINs, a KIN its manifests. */
  study: StudyGroup;
  /** Retrieve Location UID -> WADO-RS base URL, when the deployment configures one. */
  locations?: Readonly<Record<string, string>>;
  /**
   * A local test set-up (the reference SUT, a vendor's laptop) serves WADO-RS over plain http
   * on loopback: such a Retrieve URL is then a warning, not a KOS-022 error. Off by default.
   */
  allowLoopbackHttp?: boolean;
}

export const MANIFEST_TITLE = { value: '113030', scheme: 'DCM' } as const;

export function viewOf(file: Part10, artefact: string): KosView {
  return { artefact, file, d: new Dicom(file), root: file.dataSet, memo: {} };
}

/** Tag path of an element of ds. */
export function at(ds: DataSet, tag: number): string {
  return childPath(ds.path, tag);
}

export function itemAt(ds: DataSet, tag: number, i: number): string {
  return itemPath(ds.path, tag, i);
}

export interface Code {
  value?: string;
  scheme?: string;
  meaning?: string;
}

export function codeOf(v: KosView, item: DataSet | undefined): Code {
  if (!item) return {};
  const c: Code = {};
  const value = v.d.str(item, Tag.CodeValue);
  const scheme = v.d.str(item, Tag.CodingSchemeDesignator);
  const meaning = v.d.str(item, Tag.CodeMeaning);
  if (value !== undefined) c.value = value;
  if (scheme !== undefined) c.scheme = scheme;
  if (meaning !== undefined) c.meaning = meaning;
  return c;
}

export function showCode(c: Code): string {
  return c.value === undefined && c.scheme === undefined
    ? 'no code'
    : `(${c.value ?? ''}, ${c.scheme ?? ''}${c.meaning ? `, "${c.meaning}"` : ''})`;
}

/** The document title code (0040,A043)[0]. */
export function titleOf(v: KosView): Code {
  return codeOf(v, v.d.items(v.root, Tag.ConceptNameCodeSequence)[0]);
}

/**
 * A KOS is read as a key-image note when its title is a CID 7010 code other than a manifest
 * title; anything else (a manifest, or a KOS whose title is broken) is checked as a manifest,
 * so a wrong title is reported as such rather than turning the file into a KIN.
 */
export function isManifest(v: KosView): boolean {
  const t = titleOf(v);
  if (t.scheme !== 'DCM' || t.value === undefined) return true;
  const c = loadValueSets()
    .get('VS-KOS-TITLE')
    ?.codes.find((x) => x.code === t.value) as { role?: string } | undefined;
  return c === undefined || c.role === 'manifest';
}

/** Why a UID is invalid (PS3.5 9.1), or undefined when it is valid. A loop, not a regex: it runs on every UID. */
export function uidProblem(uid: string): string | undefined {
  if (uid.length > 64) return `is ${uid.length} characters long (at most 64)`;
  let start = 0;
  for (let i = 0; i <= uid.length; i++) {
    const c = i < uid.length ? uid.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (i === start || (uid.charCodeAt(start) === 0x30 && i - start > 1))
        return 'has an empty component or a component with a leading zero';
      start = i + 1;
    } else if (c < 0x30 || c > 0x39) return 'holds characters other than digits and dots';
  }
  return undefined;
}

export const isOid = (s: string | undefined): boolean => s !== undefined && uidProblem(s) === undefined && s.includes('.');

/** Checks an Issuer ... Qualifiers / Issuer of Accession style sequence: one item, OID + ISO. */
export function issuerProblem(v: KosView, ds: DataSet, tag: number, name: string): { path: string; message: string } | undefined {
  const items = v.d.items(ds, tag);
  if (!v.d.has(ds, tag) || items.length === 0)
    return { path: at(ds, tag), message: `${name} is absent or empty; expected one item with (0040,0032) OID and (0040,0033) ISO` };
  if (items.length > 1) return { path: at(ds, tag), message: `${name} has ${items.length} items; expected one` };
  const item = items[0]!;
  const oid = v.d.str(item, Tag.UniversalEntityID);
  if (!isOid(oid))
    return {
      path: at(item, Tag.UniversalEntityID),
      message: `UniversalEntityID in ${name} must be an OID; found ${oid === undefined ? 'nothing' : `'${oid}'`}`,
    };
  const type = v.d.str(item, Tag.UniversalEntityIDType);
  if (type !== 'ISO')
    return {
      path: at(item, Tag.UniversalEntityIDType),
      message: `UniversalEntityIDType in ${name} must be ISO; found ${type === undefined ? 'nothing' : `'${type}'`}`,
    };
  return undefined;
}

/** Items of (0040,A375)>(0008,1115); many rules walk the evidence, so it is built once. */
export function evidenceSeries(v: KosView): DataSet[] {
  v.memo.series ??= v.d
    .items(v.root, Tag.CurrentRequestedProcedureEvidenceSequence)
    .flatMap((st) => v.d.items(st, Tag.ReferencedSeriesSequence));
  return v.memo.series;
}

/** Items of (0040,A375)>(0008,1115)>(0008,1199), with their series item. */
export function evidenceInstances(v: KosView): { series: DataSet; item: DataSet }[] {
  if (!v.memo.instances) {
    const out: { series: DataSet; item: DataSet }[] = [];
    for (const series of evidenceSeries(v)) for (const item of v.d.items(series, Tag.ReferencedSOPSequence)) out.push({ series, item });
    v.memo.instances = out;
  }
  return v.memo.instances;
}
