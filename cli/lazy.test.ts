import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { SIMULATORS } from './commands/simulate.ts';
import { VALIDATE_KINDS } from './commands/validate.ts';
import { selectedChild, type LazyCommand } from './lazy.ts';
import { buildProgram, COMMANDS } from './program.ts';
import { captureIo, runMcwg } from './test-io.ts';

describe('lazy command loading', () => {
  test('argv selects the first operand, or X of `help X`', () => {
    expect(selectedChild(['--debug', 'validate', 'kos', 'a.dcm'])).toEqual({ name: 'validate', rest: ['kos', 'a.dcm'] });
    expect(selectedChild(['help', 'validate'])).toEqual({ name: 'validate', rest: [] });
    expect(selectedChild(['--version'])).toBeUndefined();
    expect(selectedChild([])).toBeUndefined();
  });

  test.each([
    ['mcwg', COMMANDS],
    ['validate', VALIDATE_KINDS],
    ['simulate', SIMULATORS],
  ] as const)("the descriptions %s lists before loading equal the loaded commands' own", async (_, table: readonly LazyCommand[]) => {
    for (const entry of table) {
      const parent = new Command('parent');
      await (await entry.load())(parent, captureIo(), () => {}, undefined);
      expect(parent.commands.find((c) => c.name() === entry.name)?.description()).toBe(entry.description);
    }
  });

  test('every command answers --help: groups list their subcommands, leaves teach with examples', async () => {
    const program = await buildProgram(captureIo(), () => {});
    const visit = async (cmd: Command, path: string[]): Promise<void> => {
      for (const sub of cmd.commands) {
        const at = [...path, sub.name()];
        const r = await runMcwg(...at, '--help');
        expect(r.code, at.join(' ')).toBe(0);
        expect(r.out, at.join(' ')).toMatch(new RegExp(`^Usage: mcwg ${at.join(' ')} `));
        if (sub.commands.length > 0) for (const child of sub.commands) expect(r.out, at.join(' ')).toContain(`  ${child.name()} `);
        else expect(r.out, at.join(' ')).toMatch(/\nExamples?:\n {2}mcwg /);
        await visit(sub, at);
      }
    };
    await visit(program, []);
    expect(program.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
  });

  test('`mcwg help validate` and a misspelt command still work without the family loaded', async () => {
    const help = await runMcwg('help', 'validate');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: mcwg validate /);
    for (const k of VALIDATE_KINDS) expect(help.out).toContain(`  ${k.name} `);
    const typo = await runMcwg('validate', 'kso', 'a.dcm');
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/unknown command 'kso'[\s\S]*Did you mean kos\?/);
  });
});
