// Builds the `mcwg` command tree. Each command lives in cli/commands/<name>.ts and
// registers itself; this file only wires them and the global options.
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.ts';
import type { Io } from './io.ts';
import { registerRequirements } from './commands/requirements.ts';
import { registerValidate } from './commands/validate.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerFixtures } from './commands/fixtures.ts';
import { registerProbe } from './commands/probe.ts';
import { registerRun } from './commands/run.ts';
import { registerEvidence } from './commands/evidence.ts';
import { registerSend } from './commands/send.ts';
import { toolVersion } from './version.ts';

export type Register = (program: Command, io: Io, setExit: (code: number) => void) => void;

// One line per command family.
const COMMANDS: Register[] = [
  registerRequirements,
  registerValidate,
  registerSimulate,
  registerFixtures,
  registerProbe,
  registerRun,
  registerEvidence,
  registerSend,
];

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('mcwg')
    .description(
      'Conformance test harness for MCWG imaging sharing: validators for KOS manifests, registry ' +
        'metadata and HL7 reports; simulators for XDS-I.b, MHD, WADO-RS and a RIS; test plans with ' +
        'JSON, JUnit and HTML reports and a label decision.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces for internal errors')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .addHelpText(
      'after',
      `
Exit codes: 0 all passed, 1 conformance failures found, 2 usage or input error, 3 internal error.

Examples:
  mcwg run --reference --out out/            the full plan against the built-in reference SUT
  mcwg validate kos manifest.dcm             check a KOS manifest
  mcwg requirements --area KOS               the requirement catalogue`,
    );
  for (const register of COMMANDS) register(program, io, setExit);
  // Subcommands inherit the exit override and the output configuration.
  for (const cmd of program.commands) inherit(cmd, io);
  return program;
}

function inherit(cmd: Command, io: Io): void {
  cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  cmd.showSuggestionAfterError(true);
  for (const sub of cmd.commands) inherit(sub, io);
}

/** Runs argv, returns the exit code. Never throws. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = Math.max(code, c);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; commander has already printed its own one-line error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.err(`mcwg: ${err.message}\n`);
      return EXIT.usage;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.err(`mcwg: internal error: ${e.message}\n`);
    if (io.debug) io.err(`${e.stack ?? ''}\n`);
    else io.err('mcwg: run again with --debug for the stack trace, and report it as a bug\n');
    return EXIT.internal;
  }
}
