// The finding IDs plan steps produce are declared with their plan (<plan>/findings.ts): unique
// across plans and validator rules, citing catalogue IDs, and complete (every dotted ID literal
// a plan's step code uses is declared, every declared ID is used).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadCatalogue, unknownIds } from '../../validators/catalogue/catalogue.ts';
import { allRuleSets } from '../../validators/registry.ts';
import type { PlanFinding, PlanModule } from '../engine/plan-module.ts';
import { IMAGING_CONSUMER_FINDINGS } from './common/imaging-consumer/findings.ts';
import { AUDIT_FINDINGS } from './common/audit-findings.ts';
import { PLANS } from './index.ts';

const PLANS_DIR = fileURLToPath(new URL('./', import.meta.url));

/**
 * Dotted literals in step code that are not findings of the plan: a FHIR search parameter, and
 * a finding our WADO-RS client produces (simulators/clients/wado-rs.ts) that plans only add a
 * requirement to.
 */
const NOT_PLAN_FINDINGS = new Set(['patient.identifier', 'wado.instances.missing']);
const FILE_NAME = /\.(json|dcm|sqlite|yaml|xml|ts)$/;
const DOTTED = /(['`])([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)\1/g;

/** The dotted string literals in source text (comments and import paths left out). */
export function dottedLiterals(text: string): Set<string> {
  const code = text.replace(/^\s*\/\/.*$/gm, '').replace(/from\s*'[^']*'/g, '');
  return new Set([...code.matchAll(DOTTED)].map((m) => m[2]!).filter((s) => !FILE_NAME.test(s) && !NOT_PLAN_FINDINGS.has(s)));
}

/** The literals that look like finding IDs but are neither declared nor a test/step id of the plan. */
export function undeclared(literals: Iterable<string>, declared: readonly PlanFinding[], testIds: ReadonlySet<string>): string[] {
  const ids = new Set(declared.map((f) => f.id));
  return [...literals].filter((s) => !ids.has(s) && !testIds.has(s)).sort();
}

/** Step code of one folder: its sources, without tests, the reference SUT, the module and the findings table. */
function stepSources(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'reference') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !['module.ts', 'findings.ts'].includes(e.name))
        out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

const modules = async (): Promise<[string, PlanModule][]> =>
  Promise.all(Object.entries(PLANS).map(async ([id, load]) => [id, await load()] as [string, PlanModule]));

function testIdsOf(m: PlanModule): Set<string> {
  const ids = new Set<string>();
  for (const g of m.plan().groups) for (const t of g.tests) [t.id, ...t.steps.map((s) => s.id)].forEach((i) => ids.add(i));
  return ids;
}

describe('finding IDs of plan steps', () => {
  test('are unique across plans and validator rules, and each cites known catalogue IDs', async () => {
    // A table shared by two plans (common/) counts once: by declaration, not by listing.
    const declared = [...new Set((await modules()).flatMap(([, m]) => m.findings))];
    const ids = declared.map((f) => f.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const ruleIds = new Set((await allRuleSets()).flatMap((s) => s.rules.map((r) => r.id)));
    expect(ids.filter((id) => ruleIds.has(id))).toEqual([]);
    const catalogue = loadCatalogue();
    for (const f of declared) {
      expect(f.reqIds.length, f.id).toBeGreaterThan(0);
      expect(unknownIds(f.reqIds, catalogue), f.id).toEqual([]);
      expect(f.title.trim(), f.id).not.toBe('');
    }
    expect(declared.length).toBeGreaterThan(80);
  });

  test.each(Object.keys(PLANS))('%s: every finding ID its steps use is declared, and every declared one is used', async (id) => {
    const m = await PLANS[id]!();
    const source = stepSources(join(PLANS_DIR, id));
    const literals = dottedLiterals(source);
    expect(undeclared(literals, m.findings, testIdsOf(m))).toEqual([]);
    const shared = new Set([...IMAGING_CONSUMER_FINDINGS, ...AUDIT_FINDINGS]);
    const unused = m.findings.filter((f) => !shared.has(f) && !literals.has(f.id)).map((f) => f.id);
    expect(unused).toEqual([]);
  });

  test('the shared consumer image checks and audit steps declare exactly the IDs they use', () => {
    const literals = dottedLiterals(stepSources(join(PLANS_DIR, 'common')));
    const shared = [...IMAGING_CONSUMER_FINDINGS, ...AUDIT_FINDINGS];
    expect(undeclared(literals, shared, new Set())).toEqual([]);
    expect(shared.filter((f) => !literals.has(f.id))).toEqual([]);
  });

  test('flags an undeclared ID, and leaves file names, test IDs and comments alone', () => {
    const text = [
      "// a comment naming 'xx.in.comment'",
      "import { a } from './x.ts';",
      "out.push(finding('xx.declared', ['XDS-001'], ex, 'p', 'm'));",
      "out.push(finding('xx.forgotten', ['XDS-001'], ex, 'p', 'm'));",
      "defineTest({ id: 'xx.test' });",
      "join(dir, 'store.sqlite');",
    ].join('\n');
    const declared: PlanFinding[] = [{ id: 'xx.declared', reqIds: ['XDS-001'], title: 't' }];
    expect(undeclared(dottedLiterals(text), declared, new Set(['xx.test']))).toEqual(['xx.forgotten']);
  });
});
