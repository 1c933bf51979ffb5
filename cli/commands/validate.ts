// `mcwg validate <kind>`: one subcommand per artefact kind, each in its own file, loaded only
// when selected (cli/lazy.ts): `validate kos` never imports the metadata validators' ajv.
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import { registerLazy, type LazyCommand } from '../lazy.ts';
import type { Register } from '../program.ts';

export type RegisterValidate = (validate: Command, io: Io, setExit: (code: number) => void) => void;

// One line per artefact kind: name, the description `mcwg validate --help` shows, the module.
export const VALIDATE_KINDS: readonly LazyCommand[] = [
  {
    name: 'kos',
    description: 'check DICOM KOS manifests and key-image notes (KIN) against the KOS IOD, XDS-I.b and MCWG',
    load: async () => (await import('./validate-kos.ts')).registerValidateKos,
  },
  {
    name: 'hl7',
    description: 'check HL7 v2.5 ER7 messages (ORU^R01, MDM^T02, ORM^O01, OMI^O23, ADT A04/A08/A40)',
    load: async () => (await import('./validate-hl7.ts')).registerValidateHl7,
  },
  {
    name: 'metadata',
    description: 'check XDS ebRIM metadata or MHD DocumentReferences against XDS, XDS-I.b and the MCWG value sets',
    load: async () => (await import('./validate-metadata.ts')).registerValidateMetadata,
  },
  {
    name: 'submission',
    description: 'check a whole ITI-41 / RAD-68 submission (SOAP, MTOM) or ITI-65 Bundle: metadata, contained KOS, hash/size, consistency',
    load: async () => (await import('./validate-submission.ts')).registerValidateSubmission,
  },
];

export const registerValidate: Register = async (program, io, setExit, rest) => {
  const validate = program
    .command('validate')
    .description('check artefacts (KOS manifests, registry metadata, submissions, HL7 messages) against the catalogue');
  await registerLazy(validate, VALIDATE_KINDS, io, setExit, rest);
};
