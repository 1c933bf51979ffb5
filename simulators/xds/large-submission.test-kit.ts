// A large ITI-41 submission the simulator accepts: the conformant submission with `documents`
// DocumentEntries (each its own uniqueId under `root`), for another patient than the one small
// queries ask for (once stored, its entries would otherwise slow those queries, which is not the
// stall measured). Tests and the load bench use it; tests count what a patient has with approvedEntries.
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { STATUS, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, storedQuery } from '../clients/xds-consumer.ts';
import { QUERY } from './stored-query.ts';

export const LOAD_PATIENT = 'PAT-LOAD^^^&1.2.3.4.5.6.2&ISO';

export function largeSubmission(documents: number, root: string, patientId = LOAD_PATIENT): SubmitObjectsRequest {
  const req = withFreshIds(conformantSubmission(documents), root);
  for (const o of [...req.objects.submissionSets, ...req.objects.documentEntries])
    for (const x of o.externalIdentifiers) if (x.value === FIXTURE.patientId) x.value = patientId;
  return req;
}

/** How many Approved DocumentEntries ITI-18 FindDocuments finds for `patientId` (-1 without a response). */
export async function approvedEntries(registry: string, patientId: string): Promise<number> {
  const q = await storedQuery(
    registry,
    QUERY.FindDocuments,
    [param('$XDSDocumentEntryPatientId', patientId), param('$XDSDocumentEntryStatus', STATUS.approved)],
    () => undefined,
  );
  return q.response?.objects.documentEntries.length ?? -1;
}
