// Reads the manifest back from our repository by ITI-43, byte for byte as the SUT sent it:
// the later tests validate those bytes. A Part 10 file with media type application/dicom
// is the SUT's job (KOS-002); a failing retrieve is our breakage (error).
import { DEFAULT_REPOSITORY_UID } from '../../../../simulators/xds/config.ts';
import { retrieveDocuments } from '../../../../simulators/clients/xds-consumer.ts';
import type { Exchange } from '../../../../model/exchange.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, needPublished, uniqueIdOf, type PlanState } from '../state.ts';

export function retrieveManifest(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve-manifest',
    title: 'The manifest as stored by our repository is a DICOM Part 10 file',
    verifies: ['KOS-002'],
    async run(ctx) {
      const p = needPublished(state);
      const uid = uniqueIdOf(p.entry);
      if (!uid) return ctx.fromFindings([finding('ids.manifest.unique-id', ['XDS-013'], `RAD-68 ${p.exchange.id}`, 'XDSDocumentEntry.uniqueId', 'the DocumentEntry has no uniqueId', p.exchange.id)]);
      const calls: Exchange[] = [];
      const r = await retrieveDocuments(`${ctx.simulators.xds!.url}/xds/repository`, [{ repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: uid }], (e) => void calls.push(e));
      for (const e of calls) await ctx.evidence.exchange(e);
      const doc = r.documents[0];
      if (!doc?.data) throw new Error(`our repository returned no document ${uid}: ${r.call.ok ? 'empty response' : r.call.error}`);
      const artefact = `manifest ${uid}.dcm`;
      await ctx.evidence.attach(artefact, doc.data, 'application/dicom');
      const read = readKos(doc.data, artefact);
      p.kos = { artefact, bytes: doc.data, ...(read.facts ? { facts: read.facts } : {}) };
      const out = [...read.findings];
      if (doc.mimeType !== 'application/dicom') out.push(finding('ids.manifest.mime-type', ['KOS-002'], artefact, 'mimeType', `expected application/dicom; the entry says ${doc.mimeType}`, p.exchange.id));
      return ctx.fromFindings(out);
    },
  });
}
