#!/usr/bin/env node
// The installed `mcwg`: runs the compiled CLI in dist/ (built by `npm run build`, which
// `prepare` runs during `npm ci`). Without a build (e.g. `npm install --ignore-scripts`) it
// runs the TypeScript sources through tsx, slower to start, after a one-line notice.
// MCWG_TSX=1 forces the sources, e.g. while editing them (`npm run mcwg` does the same).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/mcwg.js', import.meta.url);
const debug = process.argv.includes('--debug');

if (process.env.MCWG_TSX !== '1' && existsSync(compiled)) {
  // Stack traces under --debug name the TypeScript files and lines, through dist/*.map.
  if (debug) process.setSourceMapsEnabled(true);
  await import(compiled.href);
} else {
  if (process.env.MCWG_TSX !== '1') {
    process.stderr.write('mcwg: no compiled build in dist/ (run `npm run build`); running the TypeScript sources through tsx\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
