import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../cli/coverage-sources.ts';
import { findLayerViolations } from './layers.ts';

describe('layer directions of DESIGN.md', () => {
  test('no source file imports against the arrows', () => {
    expect(findLayerViolations(PROJECT_ROOT)).toEqual([]);
  });

  test('flags a validator that imports a simulator and a report that imports a validator', () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    for (const d of ['validators/kos', 'simulators', 'reports']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'validators/kos/bad.ts'), "import { x } from '../../simulators/xds.ts';\n");
    writeFileSync(join(root, 'reports/bad.ts'), "export { y } from '../validators/rule.ts';\n");
    writeFileSync(join(root, 'reports/ok.ts'), "import type { RunModel } from '../model/run.ts';\n");
    writeFileSync(join(root, 'validators/kos/ok.test.ts'), "import '../../simulators/xds.ts';\n");
    const found = findLayerViolations(root).map((v) => `${v.file}:${v.line} ${v.from}->${v.to}`);
    expect(found.sort()).toEqual(['reports/bad.ts:1 reports->validators', 'validators/kos/bad.ts:1 validators->simulators']);
  });
});
