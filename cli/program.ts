// Builds the `mcwg` command tree. Each command lives in cli/commands/<name>.ts and
// registers itself when selected (cli/lazy.ts); this file only wires them and the global options.
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.ts';
import type { Io } from './io.ts';
import { registerLazy, type LazyCommand, type Register as LazyRegister } from './lazy.ts';
import { toolVersion } from './version.ts';

export type Register = LazyRegister;

// One line per command family: name, the description `mcwg --help` shows, and the module
// imported only when argv selects the family.
export const COMMANDS: readonly LazyCommand[] = [
  {
    name: 'requirements',
    description: 'list the requirement catalogue, filtered, or show what covers each requirement',
    load: async () => (await import('./commands/requirements.ts')).registerRequirements,
  },
  {
    name: 'validate',
    description: 'check artefacts (KOS manifests, registry metadata, submissions, HL7 messages) against the catalogue',
    load: async () => (await import('./commands/validate.ts')).registerValidate,
  },
  {
    name: 'simulate',
    description: 'run an actor simulator on loopback for a system under test to talk to (Ctrl-C stops it; data is kept)',
    load: async () => (await import('./commands/simulate.ts')).registerSimulate,
  },
  {
    name: 'fixtures',
    description: 'generate synthetic DICOM studies, KOS manifests and submissions for self-tests',
    load: async () => (await import('./commands/fixtures.ts')).registerFixtures,
  },
  {
    name: 'probe',
    description: 'check that a source answers, with latency figures (operations-centre monitoring)',
    load: async () => (await import('./commands/probe.ts')).registerProbe,
  },
  {
    name: 'run',
    description: 'run a test plan against a system under test and write the reports and evidence',
    load: async () => (await import('./commands/run.ts')).registerRun,
  },
  {
    name: 'evidence',
    description: 'work with the evidence bundle a run wrote',
    load: async () => (await import('./commands/evidence.ts')).registerEvidence,
  },
  {
    name: 'worker',
    description: 'execute runs queued by the event console (mcwg serve); any number of workers may share one PostgreSQL',
    load: async () => (await import('./commands/worker.ts')).registerWorker,
  },
  {
    name: 'send',
    description: 'send messages to a system under test, as an actor would',
    load: async () => (await import('./commands/send.ts')).registerSend,
  },
  {
    name: 'serve',
    description: 'the event console: testing sessions, systems, runs, monitor work list and evidence in a browser',
    load: async () => (await import('./commands/serve.ts')).registerServe,
  },
];

/** The command tree; with argv, only the command family argv selects is loaded (undefined: all). */
export async function buildProgram(io: Io, setExit: (code: number) => void, argv?: readonly string[]): Promise<Command> {
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
  await registerLazy(program, COMMANDS, io, setExit, argv);
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
  try {
    const program = await buildProgram(
      io,
      (c) => {
        code = Math.max(code, c);
      },
      argv,
    );
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
