// `mcwg simulate <actor>`: one subcommand per simulator, each in its own file.
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';
import { registerSimulateWadoRs } from './simulate-wado-rs.ts';
import { registerSimulateRis } from './simulate-ris.ts';
import { registerSimulateXds } from './simulate-xds.ts';
import { registerSimulateMhd } from './simulate-mhd.ts';

export type RegisterSimulator = (simulate: Command, io: Io, setExit: (code: number) => void) => void;

// One line per simulator.
const SIMULATORS: RegisterSimulator[] = [registerSimulateWadoRs, registerSimulateRis, registerSimulateXds, registerSimulateMhd];

export const registerSimulate: Register = (program, io, setExit) => {
  const simulate = program
    .command('simulate')
    .description('run an actor simulator on loopback for a system under test to talk to (Ctrl-C stops it; data is kept)');
  for (const register of SIMULATORS) register(simulate, io, setExit);
};
