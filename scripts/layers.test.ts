import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../cli/coverage-sources.ts';
import { findLayerViolations } from './layers.ts';

/** A throw-away tree: path -> file text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const found = (root: string) =>
  findLayerViolations(root)
    .map((v) => `${v.file}:${v.line} ${v.from}->${v.to}`)
    .sort();

describe('layer directions of DESIGN.md', () => {
  test('no source file imports against the arrows', () => {
    expect(findLayerViolations(PROJECT_ROOT)).toEqual([]);
  });

  test('flags a validator that imports a simulator and a report that imports a validator', () => {
    const root = tree({
      'validators/kos/bad.ts': "import { x } from '../../simulators/xds.ts';\n",
      'reports/bad.ts': "export { y } from '../validators/rule.ts';\n",
      'reports/ok.ts': "import type { RunModel } from '../model/run.ts';\n",
      'validators/kos/ok.test.ts': "import '../../simulators/xds.ts';\n",
    });
    expect(found(root)).toEqual(['reports/bad.ts:1 reports->validators', 'validators/kos/bad.ts:1 validators->simulators']);
  });

  test('test kits (*.test-kit.ts) are exempt by name, like tests; other helpers are not', () => {
    const root = tree({
      'simulators/store/store.test-kit.ts': "import { cli } from '../../cli/program.ts';\n",
      'simulators/store/store-suite.ts': "import { cli } from '../../cli/program.ts';\n",
    });
    expect(found(root)).toEqual(['simulators/store/store-suite.ts:1 simulators->cli']);
  });

  test('bench/ and scripts/ are checked: they may use every layer, no layer may use them', () => {
    const root = tree({
      'bench/run.ts': "import { a } from '../cli/program.ts';\nimport { b } from '../suites/plans/index.ts';\n",
      'bench/bad.ts': "import { docs } from '../scripts/generate-docs.ts';\n",
      'scripts/docs.ts': "import { c } from '../bench/harness.ts';\nimport { d } from '../cli/coverage-sources.ts';\n",
      'cli/bad.ts': "import { e } from '../bench/harness.ts';\nimport { f } from '../scripts/layers.ts';\n",
    });
    expect(found(root)).toEqual(['bench/bad.ts:1 bench->scripts', 'cli/bad.ts:1 cli->bench', 'cli/bad.ts:2 cli->scripts']);
  });

  test('a plan never imports another plan or the plan list; plans share through suites/plans/common only', () => {
    const root = tree({
      'suites/plans/index.ts': "export const PLANS = { a: () => import('./plan-a/module.ts'), b: () => import('./plan-b/module.ts') };\n",
      'suites/plans/plan-a/steps/x.ts':
        "import { s } from '../state.ts';\nimport { k } from '../../common/step-kit.ts';\nimport { t } from '../../plan-b/state.ts';\n",
      'suites/plans/plan-a/reference/index.ts':
        "import { p } from '../../plan-b/simulators.ts';\nimport { q } from '../../../engine/plan-module.ts';\n",
      'suites/plans/plan-b/module.ts': "import { P } from '../index.ts';\n",
      'suites/plans/common/kit.ts': "import { u } from '../plan-a/state.ts';\n",
      'suites/plans/plan-b/plan.test.ts': "import { v } from '../plan-a/state.ts';\n",
    });
    expect(found(root)).toEqual([
      'suites/plans/common/kit.ts:1 plans -> other plans->suites/plans/common is shared by plans and may not import plan plan-a',
      'suites/plans/plan-a/reference/index.ts:1 plans -> other plans->plan plan-a may not import plan plan-b',
      'suites/plans/plan-a/steps/x.ts:3 plans -> other plans->plan plan-a may not import plan plan-b',
      'suites/plans/plan-b/module.ts:1 plans -> other plans->suites/plans/plan-b may not import the plan list (suites/plans/index.ts)',
    ]);
  });

  test('simulators/clients never import simulator servers (the shared kit is allowed)', () => {
    const root = tree({
      'simulators/clients/xds-source.ts': "import { startXds } from '../xds/server.ts';\nimport { s } from './xds-soap.ts';\n",
      'simulators/clients/mhd-source.ts': "import { documentEntryRecord } from '../xds/extract.ts';\n",
      'simulators/clients/xds-soap.ts': "import { ExchangeRecorder } from '../kit/recorder.ts';\n",
      'simulators/xds/server.ts': "import { send } from '../clients/xds-soap.ts';\n",
    });
    expect(found(root)).toEqual([
      'simulators/clients/xds-source.ts:1 clients -> servers->a client may not import simulator code outside simulators/clients (simulators/xds/server.ts)',
    ]);
  });
});
