// Entry point of `mcwg`: the only place that reads argv and sets the exit code.
import { processIo } from './io.ts';
import { runCli } from './program.ts';

const argv = process.argv.slice(2);
const io = processIo(argv.includes('--debug'));
process.exitCode = await runCli(argv, io);
