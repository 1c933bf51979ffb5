// The dependency direction of DESIGN.md, as data: which top-level folders each may import, and
// the rules inside layers (SUB_LAYERS). Tests (*.test.ts) and test kits (*.test-kit.ts: shared
// describe/expect helpers that only tests import) are exempt: they may reach for fixtures and
// peers anywhere.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // Dev tooling on top: scripts (docs, layer check) and benchmarks may use every layer; no layer uses them.
  scripts: ['scripts', 'bench', 'cli', 'console', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  bench: ['bench', 'cli', 'console', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  cli: ['cli', 'console', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  // The event console (mcwg serve, mcwg worker): pages, accounts and the run queue over the plans.
  console: ['console', 'suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  suites: ['suites', 'simulators', 'validators', 'reports', 'protocols', 'fixtures', 'model'],
  simulators: ['simulators', 'validators', 'protocols', 'model'],
  validators: ['validators', 'protocols', 'model'],
  reports: ['reports', 'model'],
  fixtures: ['fixtures', 'protocols', 'model'],
  protocols: ['protocols', 'model'],
  model: ['model'],
};

/** A rule inside a layer: files under `from` may not import files it forbids. */
interface SubLayer {
  name: string;
  /** The forbidden import's reason, or undefined when allowed; paths relative to the root, '/'-separated. */
  forbids(from: string, to: string): string | undefined;
}

const PLANS_DIR = 'suites/plans/';
/** The folder under suites/plans/ a path is in ('' for files directly there, like the plan list), or undefined outside. */
function planFolderOf(p: string): string | undefined {
  if (!p.startsWith(PLANS_DIR)) return undefined;
  const rest = p.slice(PLANS_DIR.length);
  return rest.includes('/') ? rest.split('/')[0] : '';
}

const CLIENTS = 'simulators/clients/';
/** What both sides share by design (DESIGN.md): the exchange recorder and simulator kit, and the TLS options. */
const SHARED_WITH_CLIENTS = ['simulators/kit/', 'simulators/tls/'];
/**
 * Modules inside a server folder that clients may use until they move to a shared place:
 * simulators/xds/extract.ts is a pure ebRIM-to-record mapping (no server code) that the MHD
 * source client reuses to build its Bundle.
 */
const CLIENT_MAY_USE: readonly string[] = ['simulators/xds/extract.ts'];

export const SUB_LAYERS: readonly SubLayer[] = [
  {
    name: 'plans -> other plans',
    // Plans share code only through suites/plans/common/ (below every plan, above none).
    forbids(from, to) {
      const [a, b] = [planFolderOf(from), planFolderOf(to)];
      if (!a || b === undefined || a === b || b === 'common') return undefined;
      if (b === '') return `suites/plans/${a} may not import the plan list (${to})`;
      return a === 'common' ? `suites/plans/common is shared by plans and may not import plan ${b}` : `plan ${a} may not import plan ${b}`;
    },
  },
  {
    name: 'clients -> servers',
    forbids(from, to) {
      if (!from.startsWith(CLIENTS) || to.startsWith(CLIENTS) || !to.startsWith('simulators/')) return undefined;
      if (SHARED_WITH_CLIENTS.some((d) => to.startsWith(d)) || CLIENT_MAY_USE.includes(to)) return undefined;
      return `a client may not import simulator code outside simulators/clients (${to})`;
    },
  },
];

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
      const fromPath = relative(root, file).split(sep).join('/');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        if (!spec || !spec.startsWith('.')) continue;
        const toPath = relative(root, resolve(dirname(file), spec))
          .split(sep)
          .join('/');
        const target = toPath.split('/')[0] ?? '';
        // The match may start with the whitespace before the keyword (a newline): count from the keyword.
        const line = text.slice(0, m.index + m[0].length - m[0].trimStart().length).split('\n').length;
        if (target in ALLOWED && !ALLOWED[layer]!.includes(target)) {
          out.push({ file: fromPath, line, imports: spec, from: layer, to: target });
          continue;
        }
        for (const rule of SUB_LAYERS) {
          const why = rule.forbids(fromPath, toPath);
          if (why) out.push({ file: fromPath, line, imports: spec, from: rule.name, to: why });
        }
      }
    }
  }
  return out;
}

/** Test files and test kits are exempt by name. */
export const isTestFile = (name: string): boolean => name.endsWith('.test.ts') || name.endsWith('.test-kit.ts');

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
    return /\.(ts|js|mjs)$/.test(e.name) && !isTestFile(e.name) ? [p] : [];
  });
}
