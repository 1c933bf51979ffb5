// Test helper, loaded with `node --import`: appends every module URL the process resolves to
// the file named by MCWG_TRACE_MODULES, so a test can prove which modules a command loads.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = ${JSON.stringify(process.env.MCWG_TRACE_MODULES ?? '/dev/null')};
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(file, r.url + '\\n');
  return r;
}`),
);
