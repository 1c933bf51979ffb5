// IID-004 (SSV2, a centrally hosted viewer): nobody writes the link into the report; the portal
// builds it from the report's metadata. We take a report DocumentEntry for our study (patientId
// as the CX the registry holds, the study and accession in referenceIdList), build the URL with
// validators/iid/central-url.ts (the viewer's base plus those parameters only) and open it in
// Chromium with a valid token: the viewer must show the study from that URL alone.
import { conformantDocumentEntry } from '../../../../fixtures/builders/ebrim-submission.ts';
import { DE, SLOT, type DocumentEntry } from '../../../../protocols/ebrim/index.ts';
import { centralViewerUrl } from '../../../../validators/iid/central-url.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { openViewer } from '../../common/iid-page.ts';
import type { StudySource } from '../simulators.ts';
import { world } from './view.ts';

/** The report entry's patient ID domain (an affinity domain OID of the test data). */
export const REPORT_PATIENT_OID = '1.2.250.1.999.1';

/** A report DocumentEntry about the source's study: what a registry query would hand the portal. */
export function reportEntryOf(source: StudySource): DocumentEntry {
  const de = conformantDocumentEntry('Report01');
  const refs = de.slots.find((s) => s.name === SLOT.referenceIdList)!;
  refs.values = [
    `${source.studyUid}^^^^urn:ihe:iti:xds:2016:studyInstanceUID`,
    `${source.accessionNumber}^^^&${REPORT_PATIENT_OID}.4&ISO^urn:ihe:iti:xds:2013:accession`,
  ];
  const pid = de.externalIdentifiers.find((e) => e.scheme === DE.patientId)!;
  pid.value = `${source.patientId}^^^&${REPORT_PATIENT_OID}&ISO`;
  return de;
}

export function centralView(): StepDef {
  return defineStep({
    id: 'central',
    title: 'The URL built from a report DocumentEntry (viewer base plus its metadata) opens the study',
    verifies: ['IID-004'],
    async run(ctx) {
      const { source, idp } = world(ctx);
      const built = centralViewerUrl(ctx.sut.endpoints.iid!, reportEntryOf(source));
      // Our own entry always names its study: a failure here is ours, not the SUT's.
      if (!built.ok) throw new Error(`could not build the central viewer URL: ${built.reason}`);
      return openViewer(ctx, {
        url: built.url,
        headers: { authorization: `Bearer ${await idp.token()}` },
        studyUids: [source.studyUid],
        reqIds: ['IID-004'],
        ids: { status: 'iid.central.status', study: 'iid.central.study' },
      });
    },
  });
}
