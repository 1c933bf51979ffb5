// Reads the manifest back from our repository by ITI-43, byte for byte as the SUT sent it:
// the later tests validate those bytes. A Part 10 file with media type application/dicom
// is the SUT's job (KOS-002); a failing retrieve is our breakage (error).
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { readStoredManifest } from '../../common/stored-manifest.ts';
import { finding, needPublished, uniqueIdOf, type PlanState } from '../state.ts';

export function retrieveManifest(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve-manifest',
    title: 'The manifest as stored by our repository is a DICOM Part 10 file',
    verifies: ['KOS-002'],
    async run(ctx) {
      const p = needPublished(state);
      const uid = uniqueIdOf(p.entry);
      if (!uid)
        return ctx.fromFindings([
          finding(
            'ids.manifest.unique-id',
            ['XDS-013'],
            `RAD-68 ${p.exchange.id}`,
            'XDSDocumentEntry.uniqueId',
            'the DocumentEntry has no uniqueId',
            p.exchange.id,
          ),
        ]);
      const { artefact, bytes, mimeType, read } = await readStoredManifest(
        ctx,
        uid,
        (why) => `our repository returned no document ${uid}: ${why}`,
      );
      p.kos = { artefact, bytes, ...(read.facts ? { facts: read.facts } : {}) };
      const out = [...read.findings];
      if (mimeType !== 'application/dicom')
        out.push(
          finding(
            'ids.manifest.mime-type',
            ['KOS-002'],
            artefact,
            'mimeType',
            `expected application/dicom; the entry says ${mimeType}`,
            p.exchange.id,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
