// ITI-65 against the SUT: a conformant Bundle is answered 200 with a transaction-response of
// one 201 entry per request entry (MHD-005); one for an unknown patient is refused with a 4xx
// and an OperationOutcome naming XDSUnknownPatientId (MHD-006).
import type { Finding } from '../../../../model/finding.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../../../simulators/clients/mhd-source.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';
import { fhirBase, fhirSystems, finding, patient, recorded, type PlanState } from '../calls.ts';

export function provide(state: PlanState): StepDef {
  return defineStep({
    id: 'provide',
    title: 'A conformant ITI-65 Bundle is answered with a transaction-response of 201 entries',
    verifies: ['MHD-004', 'MHD-005'],
    async run(ctx) {
      const s = buildSubmission({ patientCx: patient(ctx).cx });
      const bundle = bundleFromSubmission(s.request, fhirSystems());
      const r = await recorded(ctx, (rec) => provideDocumentBundle(fhirBase(ctx), bundle, rec, withClientSecurity(ctx.sut)));
      const ex = r.exchange;
      const out: Finding[] = [];
      if (r.status !== 200 || !r.resource) {
        out.push(
          finding(
            'mhd.provide.status',
            ['MHD-005'],
            ex,
            'HTTP status',
            `expected 200 with a Bundle; got ${r.status} ${r.error ?? r.outcome?.issue.map((i) => i.diagnostics ?? i.code).join('; ') ?? ''}`,
          ),
        );
        return ctx.fromFindings(out);
      }
      const b = r.resource;
      if (b.type !== 'transaction-response')
        out.push(finding('mhd.provide.type', ['MHD-005'], ex, 'Bundle.type', `expected transaction-response; got ${b.type}`));
      const entries = b.entry ?? [];
      if (entries.length !== (bundle.entry ?? []).length)
        out.push(
          finding(
            'mhd.provide.entries',
            ['MHD-005'],
            ex,
            'Bundle.entry',
            `${entries.length} response entries for ${(bundle.entry ?? []).length} request entries`,
          ),
        );
      entries.forEach((e, i) => {
        if (!e.response?.status.startsWith('201') || !e.response.location)
          out.push(
            finding(
              'mhd.provide.entry',
              ['MHD-005'],
              ex,
              `Bundle.entry[${i}].response`,
              `expected status 201 with a location; got ${e.response?.status ?? '(none)'}`,
            ),
          );
      });
      if (out.length === 0) state.provided = s;
      return ctx.fromFindings(out);
    },
  });
}

export function unknownPatient(): StepDef {
  return defineStep({
    id: 'unknown-patient',
    title: 'An ITI-65 Bundle for an unknown patient is refused with XDSUnknownPatientId',
    verifies: ['MHD-006'],
    async run(ctx) {
      const bundle = bundleFromSubmission(buildSubmission({ patientCx: patient(ctx).unknownCx }).request, fhirSystems());
      const r = await recorded(ctx, (rec) => provideDocumentBundle(fhirBase(ctx), bundle, rec, withClientSecurity(ctx.sut)));
      const text = JSON.stringify(r.outcome ?? {});
      if (r.status >= 400 && r.status < 600 && r.outcome && text.includes('XDSUnknownPatientId')) return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'mhd.provide.unknown-patient',
          ['MHD-006'],
          r.exchange,
          'HTTP status',
          `expected a 4xx with an OperationOutcome naming XDSUnknownPatientId; got ${r.status}${r.outcome ? ` (${text.slice(0, 200)})` : ''}`,
        ),
      ]);
    },
  });
}
