// ITI-68 against the SUT: the attachment URL gives back the exact bytes as application/dicom;
// an unknown document gives 404 (MHD-013). A relative URL is resolved against the base, so a
// URL defect (MHD-012) does not also fail this step.
import { retrieveDocument } from '../../../../simulators/clients/mhd-consumer.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { fhirBase, finding, need, recorded, type PlanState } from '../calls.ts';

export function retrieveProvided(state: PlanState): StepDef {
  return defineStep({
    id: 'retrieve',
    title: 'The attachment URL returns the exact bytes as application/dicom; an unknown one 404',
    verifies: ['MHD-013'],
    async run(ctx) {
      const s = need(state.provided, 'the provided document');
      const dr = need(state.found, 'the found DocumentReference');
      const url = new URL(dr.content[0]?.attachment.url ?? '', `${fhirBase(ctx)}/`).href;
      const r = await recorded(ctx, (rec) => retrieveDocument(url, rec, '*/*', withClientSecurity(ctx.sut)));
      const out = [];
      if (r.status !== 200 || !r.data || !Buffer.from(s.bytes).equals(r.data))
        out.push(
          finding(
            'mhd.retrieve.bytes',
            ['MHD-013'],
            r.exchange,
            'HTTP body',
            `expected 200 with the ${s.bytes.byteLength} bytes provided; got ${r.status} with ${r.data?.length ?? 0} bytes`,
          ),
        );
      else if (!(r.contentType ?? '').startsWith('application/dicom'))
        out.push(
          finding(
            'mhd.retrieve.type',
            ['MHD-013'],
            r.exchange,
            'Content-Type',
            `expected application/dicom; got ${r.contentType ?? '(none)'}`,
          ),
        );
      const missing = await recorded(ctx, (rec) =>
        retrieveDocument(`${fhirBase(ctx)}/Binary/00000000-0000-4000-8000-00000000dead`, rec, '*/*', withClientSecurity(ctx.sut)),
      );
      if (missing.status !== 404 && missing.status !== 410)
        out.push(
          finding(
            'mhd.retrieve.unknown',
            ['MHD-013'],
            missing.exchange,
            'HTTP status',
            `an unknown document gave ${missing.status}, not 404`,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}
