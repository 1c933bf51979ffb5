// Loads a label policy YAML (checked with zod, errors with line:column) into the plain data
// reports/label/decide.ts takes, and gathers the catalogue facts the decision needs.
import { z } from 'zod';
import type { LabelFacts, LabelPolicy } from '../../reports/label/decide.ts';
import { loadCatalogue, unknownIds, type Catalogue } from '../../validators/catalogue/catalogue.ts';
import { OPTIONS, ROLES, type SutProfile } from '../profiles/profile.ts';
import { ConfigError, parseConfig } from '../profiles/yaml-config.ts';
import { readFileSync } from 'node:fs';
import { packagePath } from '../../model/package-root.ts';

export const DEFAULT_POLICY_FILE = packagePath('suites/policies/mcwg-default.yaml');

const Id = z.string().regex(/^[A-Z]+-\d{3}$/, 'requirement IDs look like KOS-014');

const PolicySchema = z.strictObject({
  policy: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is semver (x.y.z)'),
  catalogue: z.string().regex(/^\d+\.\d+\.\d+$/, 'catalogue is the catalogue version the policy was written against'),
  description: z.string().optional(),
  roles: z
    .array(
      z.strictObject({
        role: z.enum(ROLES),
        /** Options a SUT must declare with this role to be eligible (e.g. XDS-I.b). */
        options: z.array(z.enum(OPTIONS)).default([]),
        require: z.array(z.union([Id, z.strictObject({ id: Id, option: z.enum(OPTIONS) })])).min(1),
        /** The only places 'omit' satisfies a requirement: for the role, or with a declared option. */
        notApplicable: z
          .array(
            z.strictObject({
              id: Id,
              option: z.enum(OPTIONS).optional(),
              reason: z.string().min(10, 'say why the requirement does not apply'),
            }),
          )
          .default([]),
        waivers: z.array(z.strictObject({ id: Id, reason: z.string().min(10, 'a waiver needs a reason a reader can check') })).default([]),
      }),
    )
    .min(1),
});

export interface LoadedPolicy {
  policy: LabelPolicy;
  file: string;
  catalogueVersion: string;
}

export function parsePolicy(text: string, file: string, catalogue: Catalogue = loadCatalogue()): LoadedPolicy {
  const data = parseConfig(PolicySchema, text, file);
  const problems: string[] = [];
  for (const r of data.roles) {
    const required = r.require.map((x) => (typeof x === 'string' ? x : x.id));
    const ids = [...required, ...r.waivers.map((w) => w.id), ...r.notApplicable.map((n) => n.id)];
    for (const id of unknownIds(ids, catalogue)) problems.push(`${file}: role ${r.role}: unknown or retired requirement ${id}`);
    for (const n of r.notApplicable)
      if (!required.includes(n.id)) problems.push(`${file}: role ${r.role}: notApplicable ${n.id} is not required for the role`);
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return {
    file,
    catalogueVersion: data.catalogue,
    policy: {
      id: data.policy,
      version: data.version,
      roles: data.roles.map((r) => ({
        role: r.role,
        options: [...r.options],
        require: r.require.map((x) => (typeof x === 'string' ? { id: x } : x)),
        notApplicable: r.notApplicable.map((n) => ({
          id: n.id,
          reason: n.reason,
          ...(n.option === undefined ? {} : { option: n.option }),
        })),
        waivers: r.waivers,
      })),
    },
  };
}

export function loadPolicy(file: string = DEFAULT_POLICY_FILE, catalogue?: Catalogue): LoadedPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  return parsePolicy(text, file, catalogue);
}

/** Levels, actors and unverified flags of every requirement the policy names, and the SUT's options. */
export function labelFacts(policy: LabelPolicy, sut: Pick<SutProfile, 'options'>, catalogue: Catalogue = loadCatalogue()): LabelFacts {
  const requirements: LabelFacts['requirements'] = {};
  for (const r of policy.roles) {
    for (const { id } of [...r.require, ...r.waivers]) {
      const req = catalogue.get(id);
      if (req) requirements[id] = { level: req.level, actor: req.actor, ...(req.unverified ? { unverified: true } : {}) };
    }
  }
  return { requirements, options: [...sut.options] };
}
