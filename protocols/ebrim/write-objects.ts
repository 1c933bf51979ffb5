// Serialises typed ebRIM objects (paths are ignored). String building keeps large query
// responses cheap; every value goes through escapeXml.
import type {
  Association,
  Classification,
  ExternalIdentifier,
  LocalizedString,
  ObjectRef,
  RegistryObject,
  RegistryObjectList,
  Slot,
} from './model.ts';
import { escapeXml as e } from '../xml/index.ts';

export function writeRegistryObjectList(list: RegistryObjectList): string {
  const parts: string[] = ['<rim:RegistryObjectList>'];
  for (const s of list.submissionSets) parts.push(writePackage(s));
  for (const f of list.folders) parts.push(writePackage(f));
  for (const p of list.unclassifiedPackages) parts.push(writePackage(p));
  for (const d of list.documentEntries) {
    parts.push(
      `<rim:ExtrinsicObject${attrs(d)}${d.mimeType === undefined ? '' : ` mimeType="${e(d.mimeType)}"`}${d.isOpaque === undefined ? '' : ` isOpaque="${e(d.isOpaque)}"`}>${body(d)}</rim:ExtrinsicObject>`,
    );
  }
  for (const a of list.associations) parts.push(writeAssociation(a));
  for (const r of list.objectRefs) parts.push(writeObjectRef(r));
  parts.push('</rim:RegistryObjectList>');
  return parts.join('');
}

function writePackage(o: RegistryObject): string {
  return `<rim:RegistryPackage${attrs(o)}>${body(o)}</rim:RegistryPackage>`;
}

function attrs(o: RegistryObject): string {
  let s = ` id="${e(o.id)}"`;
  if (o.lid !== undefined) s += ` lid="${e(o.lid)}"`;
  if (o.objectType !== undefined) s += ` objectType="${e(o.objectType)}"`;
  if (o.status !== undefined) s += ` status="${e(o.status)}"`;
  if (o.home !== undefined) s += ` home="${e(o.home)}"`;
  return s;
}

// ebRIM 3.0 order inside a RegistryObject: Slot*, Name?, Description?, VersionInfo?, Classification*, ExternalIdentifier*.
function body(o: RegistryObject): string {
  return (
    writeSlots(o.slots) +
    localized('Name', o.name) +
    localized('Description', o.description) +
    o.classifications.map(writeClassification).join('') +
    o.externalIdentifiers.map(writeExternalIdentifier).join('')
  );
}

export function writeSlots(slots: readonly Slot[]): string {
  let s = '';
  for (const slot of slots) {
    s += `<rim:Slot name="${e(slot.name)}"><rim:ValueList>`;
    for (const v of slot.values) s += `<rim:Value>${e(v)}</rim:Value>`;
    s += '</rim:ValueList></rim:Slot>';
  }
  return s;
}

function localized(which: 'Name' | 'Description', ls: LocalizedString | undefined): string {
  return ls ? `<rim:${which}><rim:LocalizedString value="${e(ls.value)}"/></rim:${which}>` : '';
}

export function writeClassification(c: Classification): string {
  let a = ` id="${e(c.id)}"`;
  if (c.scheme !== undefined) a += ` classificationScheme="${e(c.scheme)}"`;
  if (c.node !== undefined) a += ` classificationNode="${e(c.node)}"`;
  a += ` classifiedObject="${e(c.classifiedObject)}"`;
  if (c.nodeRepresentation !== undefined) a += ` nodeRepresentation="${e(c.nodeRepresentation)}"`;
  return `<rim:Classification${a}>${writeSlots(c.slots)}${localized('Name', c.name)}</rim:Classification>`;
}

function writeExternalIdentifier(x: ExternalIdentifier): string {
  return `<rim:ExternalIdentifier id="${e(x.id)}" identificationScheme="${e(x.scheme)}" registryObject="${e(x.registryObject)}" value="${e(x.value)}">${localized('Name', x.name)}</rim:ExternalIdentifier>`;
}

function writeAssociation(a: Association): string {
  return `<rim:Association id="${e(a.id)}" associationType="${e(a.type)}" sourceObject="${e(a.source)}" targetObject="${e(a.target)}"${a.status === undefined ? '' : ` status="${e(a.status)}"`}>${writeSlots(a.slots)}</rim:Association>`;
}

function writeObjectRef(r: ObjectRef): string {
  return `<rim:ObjectRef id="${e(r.id)}"${r.home === undefined ? '' : ` home="${e(r.home)}"`}/>`;
}
