// `mcwg validate <kind>`: one subcommand per artefact kind, each in its own file.
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';
import { registerValidateKos } from './validate-kos.ts';
import { registerValidateHl7 } from './validate-hl7.ts';
import { registerValidateMetadata } from './validate-metadata.ts';
import { registerValidateSubmission } from './validate-submission.ts';

export type RegisterValidate = (validate: Command, io: Io, setExit: (code: number) => void) => void;

// One line per artefact kind.
const KINDS: RegisterValidate[] = [
  registerValidateKos,
  registerValidateHl7,
  registerValidateMetadata,
  registerValidateSubmission,
];

export const registerValidate: Register = (program, io, setExit) => {
  const validate = program
    .command('validate')
    .description('check artefacts (KOS manifests, registry metadata, submissions, HL7 messages) against the catalogue');
  for (const register of KINDS) register(validate, io, setExit);
};
