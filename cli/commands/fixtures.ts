// `mcwg fixtures <kind>`: generate synthetic studies and artefacts, one subcommand per kind.
import type { Command } from 'commander';
import type { Io } from '../io.ts';
import type { Register } from '../program.ts';
import { registerFixturesStudy } from './fixtures-study.ts';
import { registerFixturesKos } from './fixtures-kos.ts';
import { registerFixturesPki } from './fixtures-pki.ts';
import { registerFixturesToken } from './fixtures-token.ts';

export type RegisterFixture = (fixtures: Command, io: Io, setExit: (code: number) => void) => void;

// One line per artefact kind.
const KINDS: RegisterFixture[] = [registerFixturesStudy, registerFixturesKos, registerFixturesPki, registerFixturesToken];

export const registerFixtures: Register = (program, io, setExit) => {
  const fixtures = program
    .command('fixtures')
    .description('generate synthetic DICOM studies, KOS manifests and submissions for self-tests');
  for (const register of KINDS) register(fixtures, io, setExit);
};
