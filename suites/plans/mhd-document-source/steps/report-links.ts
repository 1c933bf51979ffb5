// SSV1 (a viewer hosted at the source): a report the SUT publishes by ITI-65 carries, in the
// report document itself, an IHE IID link for each study its metadata references (IID-001/005),
// each a RAD-106 request (IID-002) naming only those studies (LINK-011). MHD constrains
// DocumentReference.content to the document, so the metadata cannot carry the link: we read the
// Binary of the Bundle (text/HTML searched for URLs, CDA by its links) against the
// DocumentReference's context.related studies (referenceIdList).
import type { Binary, Bundle, DocumentReference } from 'fhir/r4.js';
import type { Finding } from '../../../../model/finding.ts';
import { toDocumentEntry } from '../../../../protocols/fhir/index.ts';
import { referencedStudies } from '../../../../validators/iid/from-entry.ts';
import { iidViewOfReportDocument } from '../../../../validators/iid/from-document.ts';
import { checkIidLinks } from '../../../../validators/iid/validate.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { bundleOf, knownTokens, resources, subjectsOf } from '../state.ts';
import { WAIT_MS } from './receive.ts';

export const REPORT_LINK_REQS = ['IID-001', 'IID-002', 'IID-005', 'LINK-011'];

const isReport = (dr: DocumentReference) => dr.content.some((c) => c.attachment.contentType !== 'application/dicom');
const reportsOf = (b: Bundle) => resources<DocumentReference>(b, 'DocumentReference').filter((r) => isReport(r.resource));

export function reportLinks(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'report-links',
    title: 'A published report carries an IHE IID link for each study it references, and only those',
    verifies: REPORT_LINK_REQS,
    async run(ctx) {
      const known = knownTokens(ctx.sut.patientIdDomains);
      const ex = await ctx.waitFor({
        transaction: 'ITI-65',
        simulator: 'mhd',
        timeoutMs: waitMs,
        instructions: `publish the imaging report of a study of patient ${[...known][0] ?? '(a patient of your affinity domain)'} by ITI-65, with its viewer link (IHE IID) for each study in the report`,
        match: (e) => {
          const b = bundleOf(e);
          return typeof b !== 'string' && subjectsOf(b).some((s) => known.has(s)) && reportsOf(b).length > 0;
        },
      });
      const b = bundleOf(ex) as Bundle;
      const binaries = new Map(resources<Binary>(b, 'Binary').flatMap((x) => (x.fullUrl ? [[x.fullUrl, x] as const] : [])));
      const out: Finding[] = [];
      for (const { resource: dr, index } of reportsOf(b)) {
        const att = dr.content[0]!.attachment;
        const bin = att.url ? binaries.get(att.url) : undefined;
        const at = bin ? `Bundle.entry[${bin.index}].resource(Binary)` : `Bundle.entry[${index}].resource.content[0].attachment`;
        const bytes = bin?.resource.data ? Buffer.from(bin.resource.data, 'base64') : new Uint8Array();
        const studies = referencedStudies(toDocumentEntry(dr)).map((s) => ({
          ...s,
          path: `Bundle.entry[${index}].resource.context.related`,
        }));
        out.push(...checkIidLinks(iidViewOfReportDocument(bytes, att.contentType ?? '', at, studies), `ITI-65 ${ex.id}`));
      }
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}
