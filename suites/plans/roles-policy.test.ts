// The label policy's require lists of the federation and viewer roles (issue 19) against the
// catalogue: every ID exists, and every non-security ID belongs to the role by its catalogue
// actor. One known exception is pinned so any other drift fails: IID-004 (central viewer URL
// from report metadata) is the Central Viewer's in the catalogue, required of an Image Display that
// declares itself a central viewer (option SSV2).
import { describe, expect, test } from 'vitest';
import { catalogueActors } from '../../reports/label/decide.ts';
import { loadCatalogue } from '../../validators/catalogue/catalogue.ts';
import { loadPolicy } from '../policies/load-policy.ts';

const KNOWN_MISMATCH: Record<string, string[]> = { 'Image Display': ['IID-004'] };

describe('policy require lists of the new roles match the catalogue', () => {
  const catalogue = loadCatalogue();
  const { policy } = loadPolicy();
  for (const role of ['Responding Gateway', 'Initiating Gateway', 'Image Display', 'WIA Facade']) {
    test(role, () => {
      const ids = policy.roles.find((r) => r.role === role)?.require.map((q) => q.id) ?? [];
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => !catalogue.has(id))).toEqual([]);
      const foreign = ids.filter((id) => !id.startsWith('SEC-') && !catalogueActors(catalogue.get(id)!.actor).includes(role.toLowerCase()));
      expect(foreign).toEqual(KNOWN_MISMATCH[role] ?? []);
    });
  }
});
