// The report the gateway published (ITI-41), read back from our repository by ITI-43 (recorded
// as evidence and attached), and the IHE IID viewer links it carries: text (plain, HL7 text,
// HTML) is searched for URLs; CDA is read by its linkHtml / reference elements. A PDF is not
// searched: its links need a PDF text layer, which we do not read.
import { DE, externalIdOf, slotValues } from '../../../../protocols/ebrim/index.ts';
import { retrieveDocuments } from '../../../../simulators/clients/xds-consumer.ts';
import { DEFAULT_REPOSITORY_UID } from '../../../../simulators/xds/config.ts';
import { iidLinksInDocument } from '../../../../validators/iid/from-document.ts';
import type { StepContext } from '../../../engine/dsl.ts';
import { recorded } from '../../common/step-kit.ts';
import { need, type PlanState } from '../state.ts';

export interface PublishedReport {
  artefact: string;
  mimeType: string;
  links: string[];
}

export async function readPublishedReport(ctx: StepContext, state: PlanState): Promise<PublishedReport> {
  const entry = need(state.publishedReport, 'the published report').entry;
  const uid = externalIdOf(entry, DE.uniqueId)?.value;
  if (!uid) throw new Error('the published report has no uniqueId: the report test reports that');
  const repo = slotValues(entry, 'repositoryUniqueId')[0] ?? DEFAULT_REPOSITORY_UID;
  const r = await recorded(ctx, (rec) =>
    retrieveDocuments(`${ctx.simulators.xds!.url}/xds/repository`, [{ repositoryUniqueId: repo, documentUniqueId: uid }], rec),
  );
  const doc = r.documents[0];
  if (!doc?.data) throw new Error(`our repository returned no document ${uid}`);
  const artefact = `report ${uid}`;
  await ctx.evidence.attach(artefact, doc.data, doc.mimeType || 'application/octet-stream');
  return { artefact, mimeType: doc.mimeType, links: iidLinksInDocument(doc.data, doc.mimeType, artefact).map((l) => l.value) };
}
