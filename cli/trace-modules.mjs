// Test helper, loaded with `node --import`: appends every module URL the process resolves to
// the file named by MCWG_TRACE_MODULES, so a test can prove which modules a command loads.
// Both loaders are traced: ESM imports through a resolve hook, and require() (including a
// createRequire() that loads a package lazily) through the CommonJS resolver.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.env.MCWG_TRACE_MODULES ?? '/dev/null';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = ${JSON.stringify(file)};
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(file, r.url + '\\n');
  return r;
}`),
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const resolved = resolveFilename.apply(this, args);
  if (isAbsolute(resolved)) appendFileSync(file, `${pathToFileURL(resolved).href}\n`);
  return resolved;
};
