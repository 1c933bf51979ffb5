// Commands load lazily: a parent lists its children by name and description only, and imports
// the code of the one child that argv selects. `mcwg --version` therefore loads no command at
// all, and `mcwg validate kos` loads the KOS validator but none of the simulators, the engine,
// fastify, pg, better-sqlite3 or ajv. `mcwg X --help` still shows X's full help because X is
// the selected child.
import type { Command } from 'commander';
import type { Io } from './io.ts';

export type SetExit = (code: number) => void;

/**
 * Adds one command (and its subcommands) to `parent`. `rest` is argv after the command's own
 * name, for a command that itself has lazy children; undefined means load every child.
 */
export type Register = (parent: Command, io: Io, setExit: SetExit, rest: readonly string[] | undefined) => void | Promise<void>;

export interface LazyCommand {
  name: string;
  /** Shown in the parent's help while the command is not loaded; a test keeps it equal to the command's own. */
  description: string;
  load: () => Promise<Register>;
}

/**
 * The child argv selects: its first operand, or X in `help X`. Only boolean options come
 * before a command name in mcwg (`--debug`), so anything starting with '-' is skipped.
 */
export function selectedChild(argv: readonly string[]): { name: string; rest: readonly string[] } | undefined {
  const at = argv.findIndex((a) => !a.startsWith('-'));
  if (at < 0) return undefined;
  const name = argv[at]!;
  if (name === 'help') return selectedChild(argv.slice(at + 1));
  return { name, rest: argv.slice(at + 1) };
}

/**
 * Registers `children` under `parent`: the selected one (every one when argv is undefined)
 * fully, the others as name and description, in table order so help lists them the same way.
 */
export async function registerLazy(
  parent: Command,
  children: readonly LazyCommand[],
  io: Io,
  setExit: SetExit,
  argv: readonly string[] | undefined,
): Promise<void> {
  const pick = argv === undefined ? undefined : selectedChild(argv);
  for (const child of children) {
    if (argv === undefined || child.name === pick?.name) {
      const register = await child.load();
      await register(parent, io, setExit, argv === undefined ? undefined : pick!.rest);
    } else {
      parent.command(child.name).description(child.description);
    }
  }
}
