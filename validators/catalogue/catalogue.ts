// The requirement catalogue, loaded once and checked with zod: unique IDs, known areas,
// known levels. Everything that cites a requirement resolves it here.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../../model/package-root.ts';

export const AREAS = ['KOS', 'KIN', 'META', 'LINK', 'XDS', 'MHD', 'WADO', 'RIS', 'GW', 'IID', 'SEC', 'WIA'] as const;
export type Area = (typeof AREAS)[number];
export const LEVELS = ['SHALL', 'SHOULD', 'MAY'] as const;

const ID = new RegExp(`^(${AREAS.join('|')})-\\d{3}$`);

const RequirementSchema = z.strictObject({
  id: z.string().regex(ID, 'id must be AREA-NNN with a known area'),
  title: z.string().min(1),
  level: z.enum(LEVELS),
  actor: z.string().min(1),
  transaction: z.string().optional(),
  text: z.string().min(1),
  check: z.string().min(1),
  source: z.array(z.string()).min(1),
  status: z.enum(['active', 'retired']),
  unverified: z.boolean().optional(),
  note: z.string().optional(),
});

const CatalogueSchema = z
  .strictObject({
    catalogue: z.string(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    requirements: z.array(RequirementSchema).min(1),
  })
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    cat.requirements.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'id'], message: `duplicate id ${r.id}` });
      seen.add(r.id);
    });
  });

export type Requirement = z.infer<typeof RequirementSchema> & { area: Area };

export interface Catalogue {
  version: string;
  requirements: readonly Requirement[];
  get(id: string): Requirement | undefined;
  has(id: string): boolean;
}

export const CATALOGUE_FILE = packagePath('validators/catalogue/requirements.yaml');

export function parseCatalogue(text: string, source = 'requirements.yaml'): Catalogue {
  const result = CatalogueSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`${source}: ${z.prettifyError(result.error)}`);
  const requirements = result.data.requirements.map((r) => ({ ...r, area: r.id.split('-')[0] as Area }));
  const byId = new Map(requirements.map((r) => [r.id, r]));
  return {
    version: result.data.version,
    requirements,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
  };
}

let cached: Catalogue | undefined;

export function loadCatalogue(): Catalogue {
  cached ??= parseCatalogue(readFileSync(CATALOGUE_FILE, 'utf8'), CATALOGUE_FILE);
  return cached;
}

/** Requirement IDs a rule or step cites that the catalogue does not know (or has retired). */
export function unknownIds(ids: readonly string[], catalogue: Catalogue = loadCatalogue()): string[] {
  return ids.filter((id) => catalogue.get(id)?.status !== 'active');
}
