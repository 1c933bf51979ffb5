// homeCommunityId on every object a gateway returns (ITI TF-2 3.38.4.1.3: the home attribute of
// each ExtrinsicObject, RegistryPackage and ObjectRef; 3.39: HomeCommunityId of each
// DocumentResponse). A consumer needs it to address the retrieve or the next query (XDS-027).
import type { DocumentResponse, RegistryObjectList } from '../../protocols/ebrim/index.ts';

const HOME = /^urn:oid:[0-2](\.(0|[1-9]\d*))+$/;

export function isHomeCommunityId(s: string | undefined): s is string {
  return s !== undefined && HOME.test(s);
}

/** A copy of the list with `home` set on every object that carries one; existing values are kept. */
export function stampHome(list: RegistryObjectList, home: string): RegistryObjectList {
  const on = <T extends { home?: string }>(o: T): T => (o.home ? o : { ...o, home });
  return {
    ...list,
    documentEntries: list.documentEntries.map(on),
    submissionSets: list.submissionSets.map(on),
    folders: list.folders.map(on),
    objectRefs: list.objectRefs.map(on),
    unclassifiedPackages: list.unclassifiedPackages.map(on),
  };
}

export function stampDocuments(docs: readonly DocumentResponse[], home: string): DocumentResponse[] {
  return docs.map((d) => (d.homeCommunityId ? d : { ...d, homeCommunityId: home }));
}

/** Ids (and paths) of returned objects without a valid home: what a responding-gateway test flags. */
export function objectsWithoutHome(list: RegistryObjectList): { id: string; path: string }[] {
  const all = [...list.documentEntries, ...list.submissionSets, ...list.folders, ...list.objectRefs, ...list.unclassifiedPackages];
  return all.filter((o) => !isHomeCommunityId(o.home)).map((o) => ({ id: o.id, path: o.path }));
}

export function emptyObjectList(): RegistryObjectList {
  return { documentEntries: [], submissionSets: [], folders: [], associations: [], objectRefs: [], unclassifiedPackages: [], path: '' };
}

export function concatObjectLists(lists: readonly RegistryObjectList[]): RegistryObjectList {
  const out = emptyObjectList();
  for (const l of lists) {
    out.documentEntries.push(...l.documentEntries);
    out.submissionSets.push(...l.submissionSets);
    out.folders.push(...l.folders);
    out.associations.push(...l.associations);
    out.objectRefs.push(...l.objectRefs);
    out.unclassifiedPackages.push(...l.unclassifiedPackages);
  }
  return out;
}
