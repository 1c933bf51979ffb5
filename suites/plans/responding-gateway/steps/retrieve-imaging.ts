// RAD-75 against the SUT's responding imaging gateway (XDS-029, MAY: only when the profile
// declares the RAD-69 option, i.e. the gateway offers XCA-I imaging retrieve). The instance to
// ask for comes from the community's own manifest: ITI-39 fetches the KOS ITI-38 found, its
// first referenced instance (study, series, SOP Instance UID, Retrieve Location UID as the
// repository) is asked for by RAD-75, and the answer must be a well-formed
// RetrieveDocumentSetResponse carrying that instance as DICOM, with the community's home.
import { readPart10 } from '../../../../protocols/dicom/reader.ts';
import { Tag } from '../../../../protocols/dicom/tags.generated.ts';
import { Dicom } from '../../../../protocols/dicom/values.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { crossGatewayRetrieveImagingCall } from '../../../../simulators/xca/client.ts';
import type { ImagingDocRequest } from '../../../../simulators/xca/imaging-request.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { recorded } from '../../common/step-kit.ts';
import { clientTls } from '../../common/client-tls.ts';
import { endpoint, finding, homeOf, need, retrieve } from '../calls.ts';
import type { PlanState } from '../state.ts';

/** The first instance a KOS manifest references, addressed as RAD-69/75 addresses it. */
export function firstInstance(kos: Uint8Array, home: string): ImagingDocRequest | string {
  try {
    const file = readPart10(kos);
    const d = new Dicom(file);
    for (const study of d.items(file.dataSet, Tag.CurrentRequestedProcedureEvidenceSequence))
      for (const series of d.items(study, Tag.ReferencedSeriesSequence))
        for (const item of d.items(series, Tag.ReferencedSOPSequence)) {
          const [studyUid, seriesUid, sop, location] = [
            d.str(study, Tag.StudyInstanceUID),
            d.str(series, Tag.SeriesInstanceUID),
            d.str(item, Tag.ReferencedSOPInstanceUID),
            d.str(series, Tag.RetrieveLocationUID),
          ];
          if (studyUid && seriesUid && sop && location)
            return {
              studyInstanceUid: studyUid,
              seriesInstanceUid: seriesUid,
              documentUniqueId: sop,
              repositoryUniqueId: location,
              homeCommunityId: home,
            };
        }
    return 'the manifest references no instance with study, series, SOP Instance UID and Retrieve Location UID';
  } catch (err) {
    return `the manifest is not readable DICOM: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function retrieveImagingInstance(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve-imaging',
    title: 'RAD-75 returns an instance of the manifest as DICOM, with the community’s HomeCommunityId',
    verifies: ['XDS-029'],
    async run(ctx) {
      need(state.found, 'the entry FindDocuments returned');
      if (!state.manifest)
        return { state: 'skip', message: 'FindDocuments returned no KOS manifest (application/dicom) to take an instance from' };
      const home = homeOf(ctx);
      const m = await retrieve(ctx, [
        { homeCommunityId: home, repositoryUniqueId: state.manifest.repositoryUniqueId, documentUniqueId: state.manifest.uniqueId },
      ]);
      const kos = m.documents.find((d) => d.documentUniqueId === state.manifest!.uniqueId)?.data;
      if (!kos)
        return {
          state: 'skip',
          message: `ITI-39 did not return the manifest ${state.manifest.uniqueId}: nothing to ask RAD-75 for`,
          evidence: [m.exchange.id],
        };
      const want = firstInstance(kos, home);
      if (typeof want === 'string') return { state: 'skip', message: want, evidence: [m.exchange.id] };
      const r = await recorded(ctx, (rec) =>
        crossGatewayRetrieveImagingCall(
          endpoint(ctx, 'xcaRetrieve'),
          { requests: [want], transferSyntaxUids: [] },
          rec,
          undefined,
          clientTls(ctx.sut),
        ),
      );
      const ex = r.call.exchange;
      const rr = r.response?.response;
      if (!rr || rr.status !== STATUS.success)
        return ctx.fromFindings([
          finding(
            'rg.rad75.response',
            ['XDS-029'],
            ex,
            'RetrieveDocumentSetResponse',
            `expected a Success RetrieveDocumentSetResponse for instance ${want.documentUniqueId}; got ${rr ? `${rr.status} [${rr.errors.map((e) => e.errorCode).join(', ')}]` : r.call.ok ? 'a body that is not one' : r.call.error}`,
          ),
        ]);
      const doc = r.documents.find((d) => d.documentUniqueId === want.documentUniqueId);
      const answered = r.response?.documents.find((d) => d.documentUniqueId === want.documentUniqueId);
      if (!doc?.data)
        return ctx.fromFindings([
          finding(
            'rg.rad75.document',
            ['XDS-029'],
            ex,
            'DocumentResponse',
            `no DocumentResponse with DocumentUniqueId ${want.documentUniqueId} and a Document; got [${r.documents.map((d) => d.documentUniqueId || '(none)').join(', ')}]`,
          ),
        ]);
      const findings = [];
      if (answered?.homeCommunityId !== home)
        findings.push(
          finding(
            'rg.rad75.home',
            ['XDS-029'],
            ex,
            'DocumentResponse/HomeCommunityId',
            `HomeCommunityId is ${answered?.homeCommunityId ?? '(absent)'}, not ${home}`,
          ),
        );
      let sop: string | undefined;
      try {
        const file = readPart10(doc.data);
        sop = new Dicom(file).str(file.dataSet, Tag.SOPInstanceUID);
      } catch {
        sop = undefined;
      }
      if (sop !== want.documentUniqueId)
        findings.push(
          finding(
            'rg.rad75.document',
            ['XDS-029'],
            ex,
            'DocumentResponse/Document',
            sop
              ? `the Part 10 file is SOP Instance ${sop}, not ${want.documentUniqueId}`
              : `the ${doc.data.length} bytes are not a DICOM Part 10 file`,
          ),
        );
      return ctx.fromFindings(findings, [m.exchange.id, ex.id]);
    },
  });
}
