// Every validator family's broken-fixture table, as {family, name, ruleId}: what the coverage
// table counts as able to fail a rule. The rule tests iterate the same tables, so a case listed
// here is one a test runs. Loaded lazily: only coverage needs them.
import type { BrokenCaseRef } from '../validators/catalogue/coverage.ts';

type Table = readonly { name: string; ruleId: string }[];

// One line per family table; a new family adds its table here.
const FAMILIES: readonly (readonly [string, () => Promise<Table>])[] = [
  ['kos', () => import('../fixtures/kos/cases.ts').then((m) => m.KOS_CASES)],
  ['hl7v2', () => import('../fixtures/hl7/broken-cases.ts').then((m) => m.HL7_CASES)],
  ['metadata', () => import('../validators/metadata/broken-cases.ts').then((m) => m.METADATA_CASES)],
  ['mhd', () => import('../validators/metadata/mhd/broken-cases.ts').then((m) => m.MHD_CASES)],
  ['consistency', () => import('../validators/consistency/broken-cases.ts').then((m) => m.KOS_ENTRY_CASES)],
  ['consistency', () => import('../validators/consistency/broken-cases.ts').then((m) => m.ENTRY_REFERENCE_CASES)],
  ['iid', () => import('../fixtures/iid/broken-cases.ts').then((m) => m.IID_CASES)],
  ['audit', () => import('../validators/audit/rules/broken-cases.ts').then((m) => m.AUDIT_CASES)],
];

export async function allBrokenCases(): Promise<BrokenCaseRef[]> {
  const tables = await Promise.all(
    FAMILIES.map(async ([family, load]) => (await load()).map((c) => ({ family, name: c.name, ruleId: c.ruleId }))),
  );
  return tables.flat();
}
