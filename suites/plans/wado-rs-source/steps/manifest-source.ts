// The manifest the SUT profile names (profile `manifest`): a KOS file, or the XDS-I.b manifest
// fetched from the SUT's registry/repository (ITI-18 GetDocuments for its repository when not
// given, then ITI-43). In XDS-I.b the manifest lives in the repository, not in the study: a
// source is never required to store it next to its images.
import { readFileSync } from 'node:fs';
import { retrieveDocuments, param, storedQuery } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { slotValues } from '../../../../protocols/ebrim/index.ts';
import type { StepContext } from '../../../engine/dsl.ts';
import { recorded } from '../../common/step-kit.ts';

export type ProfileManifest = { bytes: Buffer; origin: string } | { problem: string };

/** Undefined when the profile names no manifest (the plan then looks in the study). */
export async function profileManifest(ctx: StepContext): Promise<ProfileManifest | undefined> {
  const m = ctx.sut.manifest;
  if (!m) return undefined;
  if (m.file) {
    try {
      return { bytes: readFileSync(m.file), origin: `file ${m.file}` };
    } catch (err) {
      return {
        problem: `the SUT profile's manifest.file ${m.file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      };
    }
  }
  const uniqueId = m.documentUniqueId!;
  const { registry, repository } = ctx.sut.endpoints;
  if (!repository)
    return { problem: 'the SUT profile names manifest.documentUniqueId but has no endpoints.repository to retrieve it from (ITI-43)' };
  let repositoryUniqueId = m.repositoryUniqueId;
  if (!repositoryUniqueId) {
    if (!registry)
      return {
        problem:
          'the SUT profile names manifest.documentUniqueId without repositoryUniqueId and has no endpoints.registry to look it up (ITI-18)',
      };
    const q = await recorded(ctx, (rec) => storedQuery(registry, QUERY.GetDocuments, [param('$XDSDocumentEntryUniqueId', uniqueId)], rec));
    const entry = q.response?.objects.documentEntries[0];
    repositoryUniqueId = entry ? slotValues(entry, 'repositoryUniqueId')[0] : undefined;
    if (!repositoryUniqueId)
      return {
        problem: `ITI-18 GetDocuments for ${uniqueId} at ${registry} gave no DocumentEntry with a repositoryUniqueId (${q.call.ok ? `${q.response?.objects.documentEntries.length ?? 0} entries, status ${q.response?.status ?? 'unreadable'}` : q.call.error})`,
      };
  }
  const r = await recorded(ctx, (rec) =>
    retrieveDocuments(repository, [{ repositoryUniqueId: repositoryUniqueId!, documentUniqueId: uniqueId }], rec),
  );
  const doc = r.documents.find((d) => d.documentUniqueId === uniqueId && d.data);
  if (!doc?.data)
    return {
      problem: `ITI-43 for document ${uniqueId} (repository ${repositoryUniqueId}) at ${repository} returned no document (${r.call.ok ? `status ${r.response?.response.status ?? 'unreadable'}` : r.call.error})`,
    };
  return { bytes: doc.data, origin: `repository ${repositoryUniqueId}, document ${uniqueId} (ITI-43)` };
}
