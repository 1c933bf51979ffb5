// Broken variants that live in the registry's query logic, where no proxy rewrite of an answer
// can reach (the answer would need entries the simulator never returned): the store the
// simulator queries is wrapped, and findDocuments makes the one mistake. simulators/xds and
// the store stay untouched and conformant.
import type { DocumentEntryRecord, FindDocumentsQuery, XdsStore } from '../../../../simulators/store/types.ts';
import type { DefectId } from './defects.ts';

/** DTM values compared at 14 digits (a shorter value is the start of its period). */
const dtm = (v: string): string => v.padEnd(14, '0');
/** The identifier alone: CXi component 1, without issuer (4) or type (5). */
const idValue = (cx: string): string => cx.split('^')[0] ?? '';

function brokenFind(store: XdsStore, defect: DefectId): (q: FindDocumentsQuery) => Promise<DocumentEntryRecord[]> {
  switch (defect) {
    case 'event-codes-ored':
      // All repeated lists merged into one OR list.
      return (q) => store.findDocuments(q.eventCodeGroups?.length ? { ...q, eventCodeGroups: [q.eventCodeGroups.flat()] } : q);
    case 'date-upper-inclusive':
      return async (q) => {
        const to = q.serviceStartTimeTo;
        if (to === undefined) return store.findDocuments(q);
        const { serviceStartTimeTo: _dropped, ...rest } = q;
        return (await store.findDocuments(rest)).filter((d) => d.serviceStartTime !== undefined && dtm(d.serviceStartTime) <= dtm(to));
      };
    case 'reference-id-value-only':
      return async (q) => {
        const wanted = q.referenceIds;
        if (!wanted?.length) return store.findDocuments(q);
        const { referenceIds: _dropped, limit: _limit, ...rest } = q;
        const values = new Set(wanted.map(idValue));
        return (await store.findDocuments(rest)).filter((d) => d.referenceIds.some((r) => values.has(idValue(r))));
      };
    default:
      return (q) => store.findDocuments(q);
  }
}

/** The store with findDocuments broken the defect's way; every other method is the store's own. */
export function storeWithDefect(store: XdsStore, defect: DefectId): XdsStore {
  const find = brokenFind(store, defect);
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'findDocuments') return find;
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
