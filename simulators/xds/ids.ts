// Symbolic ids (anything not urn:uuid:) are replaced by fresh UUIDs before storing, and every
// reference to them follows (ITI TF-3 4.2.3.1.5).
import { randomUUID } from 'node:crypto';
import type { RegistryObject, RegistryObjectList } from '../../protocols/ebrim/index.ts';

export function assignUuids(list: RegistryObjectList): RegistryObjectList {
  const map = new Map<string, string>();
  const fresh = (id: string) => {
    if (id.startsWith('urn:uuid:')) return id;
    let u = map.get(id);
    if (!u) map.set(id, (u = `urn:uuid:${randomUUID()}`));
    return u;
  };
  const all: RegistryObject[] = [...list.submissionSets, ...list.folders, ...list.documentEntries];
  for (const o of all) fresh(o.id);
  for (const a of list.associations) fresh(a.id);
  const ref = (id: string) => map.get(id) ?? id;
  const remap = <T extends RegistryObject>(o: T): T => ({
    ...o,
    id: ref(o.id),
    ...(o.lid === undefined ? {} : { lid: ref(o.lid) }),
    classifications: o.classifications.map((c) => ({
      ...c,
      id: c.id.startsWith('urn:uuid:') ? c.id : `urn:uuid:${randomUUID()}`,
      classifiedObject: ref(c.classifiedObject),
    })),
    externalIdentifiers: o.externalIdentifiers.map((x) => ({
      ...x,
      id: x.id.startsWith('urn:uuid:') ? x.id : `urn:uuid:${randomUUID()}`,
      registryObject: ref(x.registryObject),
    })),
  });
  return {
    ...list,
    submissionSets: list.submissionSets.map(remap),
    folders: list.folders.map(remap),
    documentEntries: list.documentEntries.map(remap),
    associations: list.associations.map((a) => ({ ...a, id: ref(a.id), source: ref(a.source), target: ref(a.target) })),
  };
}
