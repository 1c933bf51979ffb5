// `mcwg simulate <actor>`: one subcommand per simulator, each in its own file, loaded only
// when selected (cli/lazy.ts).
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import { registerLazy, type LazyCommand } from '../lazy.ts';
import type { Register } from '../program.ts';

export type RegisterSimulator = (simulate: Command, io: Io, setExit: (code: number) => void) => void;

// One line per simulator: name, the description `mcwg simulate --help` shows, the module.
export const SIMULATORS: readonly LazyCommand[] = [
  {
    name: 'wado-rs',
    description: 'serve a folder of DICOM Part 10 files over WADO-RS (RAD-107), metadata and QIDO-RS',
    load: async () => (await import('./simulate-wado-rs.ts')).registerSimulateWadoRs,
  },
  {
    name: 'ris',
    description: 'HL7 v2 MLLP receiver: answers AA/AE/AR (or CA/CR in enhanced mode) with ERR per validation finding',
    load: async () => (await import('./simulate-ris.ts')).registerSimulateRis,
  },
  {
    name: 'xds',
    description:
      'run an XDS.b / XDS-I.b document registry and repository (ITI-18, ITI-41, ITI-42, ITI-43, RAD-68, RAD-69) over SOAP 1.2 + MTOM',
    load: async () => (await import('./simulate-xds.ts')).registerSimulateXds,
  },
  {
    name: 'mhd',
    description: "run an MHD Document Recipient/Responder on FHIR R4 JSON (ITI-65, ITI-66, ITI-67, ITI-68) over the XDS simulator's store",
    load: async () => (await import('./simulate-mhd.ts')).registerSimulateMhd,
  },
  {
    name: 'xca',
    description:
      'run XCA / XCA-I Responding Gateways (ITI-38, ITI-39, RAD-75), one per community, each with its own registry/repository store',
    load: async () => (await import('./simulate-xca.ts')).registerSimulateXca,
  },
  {
    name: 'wia',
    description:
      "run a WIA facade: QIDO-RS answered from the registry's manifests (one patient per query), WADO-RS forwarded to the source each manifest names",
    load: async () => (await import('./simulate-wia.ts')).registerSimulateWia,
  },
  {
    name: 'audit',
    description:
      'Audit Record Repository: syslog over TLS/TCP (RFC 5425) and UDP (RFC 5426), each DICOM audit message validated (PS3.15 A.5)',
    load: async () => (await import('./simulate-audit.ts')).registerSimulateAudit,
  },
  {
    name: 'iid',
    description: 'run an IHE IID Image Display (RAD-106): a viewer page for a study of a WADO-RS source, for IUA-authenticated users only',
    load: async () => (await import('./simulate-iid.ts')).registerSimulateIid,
  },
];

export const registerSimulate: Register = async (program, io, setExit, rest) => {
  const simulate = program
    .command('simulate')
    .description('run an actor simulator on loopback for a system under test to talk to (Ctrl-C stops it; data is kept)');
  await registerLazy(simulate, SIMULATORS, io, setExit, rest);
};
