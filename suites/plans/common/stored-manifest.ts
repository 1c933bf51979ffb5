// Reads a manifest back from our XDS repository simulator by ITI-43 (recorded as evidence),
// byte for byte as the SUT stored it, and attaches it: the plans that receive a RAD-68 check
// the stored KOS, not what they think was sent.
import { retrieveDocuments } from '../../../simulators/clients/xds-consumer.ts';
import { DEFAULT_REPOSITORY_UID } from '../../../simulators/xds/config.ts';
import { readKos, type ReadKos } from '../../../validators/kos/validate.ts';
import type { StepContext } from '../../engine/dsl.ts';
import { recorded } from './step-kit.ts';

export interface StoredManifest {
  /** `manifest <uniqueId>.dcm`: where its findings point. */
  artefact: string;
  bytes: Buffer;
  mimeType: string;
  read: ReadKos;
}

/** Throws when our repository returns no bytes: that is our breakage, not a finding. */
export async function readStoredManifest(ctx: StepContext, uniqueId: string, noDocument: (why: string) => string): Promise<StoredManifest> {
  const r = await recorded(ctx, (rec) =>
    retrieveDocuments(
      `${ctx.simulators.xds!.url}/xds/repository`,
      [{ repositoryUniqueId: DEFAULT_REPOSITORY_UID, documentUniqueId: uniqueId }],
      rec,
    ),
  );
  const doc = r.documents[0];
  if (!doc?.data) throw new Error(noDocument(r.call.ok ? 'empty response' : (r.call.error ?? '')));
  const artefact = `manifest ${uniqueId}.dcm`;
  await ctx.evidence.attach(artefact, doc.data, 'application/dicom');
  return { artefact, bytes: doc.data, mimeType: doc.mimeType, read: readKos(doc.data, artefact) };
}
