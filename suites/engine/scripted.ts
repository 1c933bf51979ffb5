// Scripted SUTs and simulators for the engine's tests: no network, fully deterministic.
import type { Exchange, Simulator } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import type { SutProfile } from '../profiles/profile.ts';
import { loadCatalogue, type Catalogue } from '../../validators/catalogue/catalogue.ts';
import { TagKey } from '../../protocols/dicom/tags.generated.ts';

export const TOOL = { name: 'mcwg-conformance', version: '0.0.0-test' };

export function sut(over: Partial<SutProfile> = {}): SutProfile {
  return {
    name: 'Scripted PACS',
    roles: ['Imaging Document Source'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [],
    options: ['XDS-I.b'],
    oids: {},
    ...over,
  };
}

/** A simulator whose exchanges the test appends by hand. */
export function scriptedSimulator(): Simulator & { record(ex: Partial<Exchange> & Pick<Exchange, 'id' | 'transaction'>): void } {
  const list: Exchange[] = [];
  return {
    url: 'http://127.0.0.1:0',
    exchanges: () => [...list],
    stop: async () => undefined,
    record(ex) {
      list.push({ at: '2026-01-01T00:00:00.000Z', from: 'sut', to: 'sim', request: { size: 0 }, ...ex });
    },
  };
}

export function finding(reqIds: string[], severity: Finding['severity'] = 'error'): Finding {
  return {
    ruleId: 'test.rule',
    reqIds,
    severity,
    message: `${reqIds.join(',')} broken`,
    location: { artefact: 'kos.dcm', path: TagKey.SOPClassUID },
  };
}

/** A promise the test resolves when it wants to, and a way to wait for an event. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Real catalogue IDs picked by their properties, so scripted tests never spell an ID out:
 * the coverage table counts test files that name an ID, and these tests cover the engine,
 * not the requirement.
 */
export function pickIds(catalogue: Catalogue = loadCatalogue()) {
  const active = catalogue.requirements.filter((r) => r.status === 'active');
  const shall = active.filter((r) => r.level === 'SHALL' && !r.unverified).map((r) => r.id);
  const find = (ok: (r: (typeof active)[number]) => boolean) => active.find(ok)!.id;
  return {
    a: shall[0]!,
    b: shall[1]!,
    c: shall[2]!,
    d: shall[3]!,
    should: find((r) => r.level === 'SHOULD'),
    unverified: find((r) => r.level === 'SHALL' && r.unverified === true),
    may: find((r) => r.level === 'MAY'),
  };
}
