// The dependency direction of DESIGN.md, as data: which top-level folders each may import.
// Tests (*.test.ts) are exempt: they may reach for fixtures and peers anywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  cli: ['cli', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  suites: ['suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  simulators: ['simulators', 'validators', 'protocols', 'model'],
  validators: ['validators', 'protocols', 'model'],
  reports: ['reports', 'model'],
  fixtures: ['fixtures', 'protocols', 'model'],
  protocols: ['protocols', 'model'],
  model: ['model'],
};

export interface LayerViolation {
  file: string;
  line: number;
  imports: string;
  from: string;
  to: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function findLayerViolations(root: string): LayerViolation[] {
  const out: LayerViolation[] = [];
  for (const layer of Object.keys(ALLOWED)) {
    for (const file of sourceFiles(join(root, layer))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec || !spec.startsWith('.')) continue;
        const target = relative(root, resolve(dirname(file), spec)).split(sep)[0] ?? '';
        if (!(target in ALLOWED) || ALLOWED[layer]!.includes(target)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        out.push({ file: relative(root, file), line, imports: spec, from: layer, to: target });
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}
