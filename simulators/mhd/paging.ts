// _count / _offset paging of a searchset (FHIR R4 search.html#count): every match is found
// (up to maxResults), total counts them all, the page is a slice with a next link.
import type { BundleLink } from 'fhir/r4.js';
import { bad, type SearchQuery } from './search-params.ts';

export interface Page {
  offset: number;
  count: number | undefined;
}

export function pageOf(q: SearchQuery, element: string): Page {
  const num = (name: string) => {
    const v = q.get(name)?.[0];
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw bad(`${name}=${v}: expected a non-negative integer`, element);
    return Number(v);
  };
  return { offset: num('_offset') ?? 0, count: num('_count') };
}

export function pageLinks(selfUrl: string, page: Page, total: number): BundleLink[] {
  const links: BundleLink[] = [{ relation: 'self', url: selfUrl }];
  if (page.count !== undefined && page.offset + page.count < total) {
    const next = new URL(selfUrl);
    next.searchParams.set('_offset', String(page.offset + page.count));
    links.push({ relation: 'next', url: next.toString() });
  }
  return links;
}

export const slice = <T>(items: T[], page: Page): T[] =>
  items.slice(page.offset, page.count === undefined ? undefined : page.offset + page.count);
