#!/usr/bin/env node
// The installed `mcwg`: runs the compiled CLI in dist/ (built by `npm run build`, which
// `prepare` runs during `npm ci`). Without a build (e.g. `npm install --ignore-scripts`) it
// runs the TypeScript sources through tsx, slower to start, after a one-line notice.
// MCWG_TSX=1 forces the sources, e.g. while editing them (`npm run mcwg` does the same).
//
// A CommonJS script (bin/package.json), so `mcwg --version` answers from package.json before
// node starts its ES module loader: that alone cost about as much as the rest of the answer.
// Every other command imports the compiled ES modules.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const argv = process.argv.slice(2);
const compiled = join(root, 'dist', 'mcwg.js');

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // What commander prints for the same option (cli/program.ts, cli/version.ts: package.json's version).
  process.stdout.write(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
} else if (process.env.MCWG_TSX !== '1' && existsSync(compiled)) {
  // Stack traces under --debug name the TypeScript files and lines, through dist/*.map.
  if (argv.includes('--debug')) process.setSourceMapsEnabled(true);
  import(pathToFileURL(compiled).href).catch(crash);
} else {
  if (process.env.MCWG_TSX !== '1') {
    process.stderr.write('mcwg: no compiled build in dist/ (run `npm run build`); running the TypeScript sources through tsx\n');
  }
  import('tsx/esm/api')
    .then(({ register }) => {
      register();
      return import(pathToFileURL(join(root, 'cli', 'main.ts')).href);
    })
    .catch(crash);
}

/** A module that fails to load is an internal error (exit 3), as any other in cli/program.ts. */
function crash(err) {
  process.stderr.write(`mcwg: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exitCode = 3;
}
