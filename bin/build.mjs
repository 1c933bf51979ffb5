#!/usr/bin/env node
// Compiles the CLI to dist/ for the installed `mcwg` bin (run by `prepare` during `npm ci`).
// One ESM bundle with code splitting: each command family's dynamic import() becomes its own
// chunk, so `mcwg --version` reads a few kilobytes and `validate kos` never parses the
// simulators. npm packages stay external (native modules, createRequire look-ups) and are
// resolved from node_modules exactly as under tsx, except commander: every command loads it,
// and loading it from node_modules (an ES module wrapper over eight CommonJS files, which
// starts node's CommonJS loader and export lexer) cost a third of `validate kos` on a small file.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? `${root}dist`;
const metafile = process.argv.includes('--metafile');

// esbuild is a devDependency: an install without dev dependencies gets no build, and
// bin/mcwg.js then runs the sources through tsx. Any other build error fails the install.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  process.stderr.write('mcwg build: esbuild is not installed (dev dependencies omitted?); `mcwg` will run through tsx\n');
  process.exit(0);
}

// commander (pure JavaScript, pinned in package.json) is bundled into the chunks that import it.
const bundleCommander = {
  name: 'bundle-commander',
  setup(b) {
    b.onResolve({ filter: /^commander$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/commander/index.js', import.meta.url)) }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // Worker threads start from their own entry file (simulators/kit/worker-pool.ts finds them here).
  entryPoints: {
    mcwg: 'cli/main.ts',
    'compile-assets': 'cli/compile-assets.ts',
    'mhd-bundle-worker': 'simulators/mhd/bundle-worker.ts',
    'xds-submission-worker': 'simulators/xds/submission-worker.ts',
    'sqlite-writer-worker': 'simulators/store/sqlite-writer-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [bundleCommander],
  // Bundled CommonJS (commander) requires node's built-ins: give each ES module chunk a require.
  banner: {
    js: "import { createRequire as __mcwgCreateRequire } from 'node:module'; const require = __mcwgCreateRequire(import.meta.url);",
  },
  // Stack traces under --debug map back to the TypeScript sources.
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // model/precompiled.ts reads build-time assets only in the compiled CLI.
  define: { MCWG_COMPILED: 'true' },
  metafile,
  logLevel: 'warning',
});
const { compileAssets } = await import(pathToFileURL(`${outdir}/compile-assets.js`).href);
compileAssets(outdir);
if (metafile) writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
