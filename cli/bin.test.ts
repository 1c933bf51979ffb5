import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/mcwg.js', import.meta.url).pathname;

test('the installed bin runs the TypeScript CLI and sets the exit code', async () => {
  const ok = await run(process.execPath, [BIN, 'requirements', '--area', 'WIA']);
  expect(ok.stdout).toMatch(/^WIA-001/);
  const bad = await run(process.execPath, [BIN, 'requirements', '--level', 'MUST']).catch((e: { code: number; stderr: string }) => e);
  expect(bad).toMatchObject({ code: 2 });
  expect((bad as { stderr: string }).stderr).toMatch(/--level <LEVEL>' argument 'MUST' is invalid/);
  expect((bad as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
});
