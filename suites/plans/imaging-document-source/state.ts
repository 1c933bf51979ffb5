// What the tests of one run of the plan share: the manifest the SUT published (as received
// by our repository) and what later tests derive from it. One PlanState per plan instance:
// the plan loader builds a fresh plan, so runs never see each other's state.
import type { Exchange } from '../../../model/exchange.ts';
import { DE, type DocumentEntry, type SubmitObjectsRequest } from '../../../protocols/ebrim/index.ts';
import { externalIdOf } from '../../../protocols/ebrim/accessors.ts';
import type { ManifestFacts } from '../../../validators/manifest-facts.ts';

export interface Published {
  exchange: Exchange;
  request: SubmitObjectsRequest;
  entry: DocumentEntry;
  kos?: { artefact: string; bytes: Buffer; facts?: ManifestFacts };
}

export interface PlanState {
  published?: Published;
}

export function patientOf(req: SubmitObjectsRequest): string | undefined {
  const e = req.objects.documentEntries[0];
  return e && externalIdOf(e, DE.patientId)?.value;
}

export function uniqueIdOf(entry: DocumentEntry): string | undefined {
  return externalIdOf(entry, DE.uniqueId)?.value;
}

export function needPublished(state: PlanState): Published {
  if (!state.published) throw new Error('no published manifest: the publish test did not record one');
  return state.published;
}

export function needKos(state: PlanState): NonNullable<Published['kos']> {
  const kos = needPublished(state).kos;
  if (!kos) throw new Error('no manifest bytes: the publish test did not retrieve them');
  return kos;
}

export { artefactFinding as finding } from '../common/step-kit.ts';
export { knownPatients, registryResponseOf, submissionOf } from '../common/xds-messages.ts';
