// Entry point of `mcwg`: the only place that reads argv and sets the exit code.
import { processIo } from './io.ts';
import { runCli } from './program.ts';

// `mcwg ... | head` closes stdout early: stop quietly, as other command-line tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

const argv = process.argv.slice(2);
const io = processIo(argv.includes('--debug'));
process.exitCode = await runCli(argv, io);
