// Waits for the SUT's ITI-65 at our MHD Document Recipient: a readable transaction Bundle for
// a patient of the affinity domain that our recipient accepted. The negative test waits for
// one about an unknown patient, which our recipient must refuse with XDSUnknownPatientId.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { bundleOf, finding, knownTokens, subjectsOf, type PlanState } from '../state.ts';

export const WAIT_MS = 120_000;

/** The requirement a refusal by our recipient points at, from the XDS code in its OperationOutcome. */
function refusedFor(outcome: string): string {
  if (/XDSPatientIdDoesNotMatch|XDSUnknownPatientId/.test(outcome)) return 'MHD-007';
  if (/XDSRepositoryMetadataError|XDSNonIdenticalHash|XDSNonIdenticalSize/.test(outcome) && /hash|size/i.test(outcome)) return 'MHD-003';
  return 'MHD-002';
}

export function receiveBundle(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'receive',
    title: 'The SUT POSTs an ITI-65 transaction Bundle that our recipient accepts',
    verifies: ['MHD-001', 'MHD-002', 'MHD-003', 'MHD-007'],
    async run(ctx) {
      const known = knownTokens(ctx.sut.patientIdDomains);
      const ex = await ctx.waitFor({
        transaction: 'ITI-65',
        simulator: 'mhd',
        timeoutMs: waitMs,
        instructions: `publish a study manifest of patient ${[...known][0] ?? '(a patient of your affinity domain)'} by ITI-65 to ${ctx.simulators.mhd?.url ?? '(our MHD recipient)'}`,
        match: (e) => {
          const b = bundleOf(e);
          return typeof b === 'string' || subjectsOf(b).some((s) => known.has(s));
        },
      });
      const b = bundleOf(ex);
      if (typeof b === 'string') return ctx.fromFindings([finding('mhd-src.bundle.readable', ['MHD-001'], ex, '$', b)], [ex.id]);
      const out = [];
      if (b.type !== 'transaction')
        out.push(finding('mhd-src.bundle.type', ['MHD-001'], ex, 'Bundle.type', `expected transaction; got ${b.type}`));
      const status = ex.response?.summary ?? '';
      if (ex.response?.status !== 200)
        out.push(
          finding(
            'mhd-src.bundle.accepted',
            [refusedFor(ex.response?.body ?? '')],
            ex,
            'HTTP status',
            `our recipient refused the Bundle: ${status} ${(ex.response?.body ?? '').slice(0, 300)}`,
          ),
        );
      state.published = { exchange: ex, bundle: b };
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function unknownPatientRefused(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'unknown-patient',
    title: 'An ITI-65 Bundle about an unknown patient is refused by our recipient',
    verifies: ['MHD-001'],
    async run(ctx) {
      const known = knownTokens(ctx.sut.patientIdDomains);
      const ex = await ctx.waitFor({
        transaction: 'ITI-65',
        simulator: 'mhd',
        timeoutMs: waitMs,
        instructions: `publish a manifest for a patient NOT registered in the affinity domain (none of ${[...known].join(', ')})`,
        match: (e) => {
          const b = bundleOf(e);
          return typeof b !== 'string' && subjectsOf(b).length > 0 && !subjectsOf(b).some((s) => known.has(s));
        },
      });
      // Our recipient's behaviour, not the SUT's: a wrong answer here is our breakage.
      if (Math.floor((ex.response?.status ?? 0) / 100) !== 4 || !(ex.response?.body ?? '').includes('XDSUnknownPatientId'))
        throw new Error(`our recipient answered ${ex.response?.summary ?? '(nothing)'} for an unknown patient`);
      const b = bundleOf(ex);
      const ok = typeof b !== 'string' && b.type === 'transaction';
      return ctx.fromFindings(
        ok ? [] : [finding('mhd-src.bundle.type', ['MHD-001'], ex, 'Bundle.type', 'the Bundle is not a transaction Bundle')],
        [ex.id],
      );
    },
  });
}
