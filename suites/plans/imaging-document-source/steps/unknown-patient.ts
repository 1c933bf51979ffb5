// Negative test: the SUT submits a manifest for a patient its affinity domain does not know;
// our registry must refuse it whole with XDSUnknownPatientId in a RegistryResponse, and the
// submission must still be well-formed RAD-68.
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, knownPatients, patientOf, registryResponseOf, submissionOf } from '../state.ts';
import { WAIT_MS } from './receive-manifest.ts';

export function unknownPatientRejected(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'unknown-patient',
    title: 'A manifest for an unknown patient is answered with XDSUnknownPatientId',
    verifies: ['XDS-001', 'XDS-005'],
    async run(ctx) {
      const known = knownPatients(ctx.sut.patientIdDomains);
      const ex = await ctx.waitFor({
        transaction: 'RAD-68',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `publish a manifest for a patient ID that is NOT registered in the affinity domain (none of ${[...known].join(', ') || 'the profile patients'})`,
        match: (e) => {
          const r = submissionOf(e);
          return typeof r !== 'string' && !known.has(patientOf(r) ?? '');
        },
      });
      const art = `RAD-68 ${ex.id}`;
      const res = registryResponseOf(ex);
      if (typeof res === 'string') throw new Error(`our registry's answer is unreadable: ${res}`);
      const codes = res.errors.map((e) => e.errorCode);
      // Our registry's behaviour, not the SUT's: a wrong answer here is our breakage.
      if (res.status !== STATUS.failure || !codes.includes('XDSUnknownPatientId'))
        throw new Error(`our registry answered ${res.status} [${codes.join(', ')}] for an unknown patient`);
      const mtom = (ex.request.contentType ?? '').startsWith('multipart/related');
      return ctx.fromFindings(
        mtom
          ? []
          : [
              finding(
                'ids.rad68.mtom',
                ['XDS-001'],
                art,
                'Content-Type',
                `expected MTOM/XOP; got ${ex.request.contentType ?? '(none)'}`,
                ex.id,
              ),
            ],
        [ex.id],
      );
    },
  });
}
