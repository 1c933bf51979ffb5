// Waits for the SUT's RAD-68 at our repository and checks the transport: SOAP 1.2 in MTOM/XOP
// (XDS-001), a readable submission, and that the registry took it (a rejection names the
// RegistryError, e.g. an unknown patient: the SubmissionSet content is wrong, XDS-012).
import type { Finding } from '../../../../model/finding.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { parseContentType } from '../../../../protocols/mtom/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, knownPatients, patientOf, registryResponseOf, submissionOf, type PlanState } from '../state.ts';

export const WAIT_MS = 120_000;

export function receiveManifest(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'receive',
    title: 'The SUT sends its manifest by RAD-68 as SOAP 1.2 with MTOM/XOP',
    verifies: ['XDS-001', 'XDS-012'],
    async run(ctx) {
      const known = knownPatients(ctx.sut.patientIdDomains);
      const repository = `${ctx.simulators.xds?.url ?? '(no xds simulator)'}/xds/repository`;
      const ex = await ctx.waitFor({
        transaction: 'RAD-68',
        simulator: 'xds',
        timeoutMs: waitMs,
        instructions: `publish the KOS manifest of a study of patient ${[...known][0] ?? '(a patient of your affinity domain)'} by RAD-68 to ${repository}`,
        match: (e) => {
          const r = submissionOf(e);
          return typeof r === 'string' || known.has(patientOf(r) ?? '');
        },
      });
      const art = `RAD-68 ${ex.id}`;
      const out: Finding[] = [];
      const ct = parseContentType(ex.request.contentType ?? '');
      const type = ct?.params.get('type');
      if (ct?.essence !== 'multipart/related' || type !== 'application/xop+xml') {
        out.push(
          finding(
            'ids.rad68.mtom',
            ['XDS-001'],
            art,
            'Content-Type',
            `expected multipart/related; type="application/xop+xml" (MTOM/XOP); got ${ex.request.contentType ?? '(none)'}`,
            ex.id,
          ),
        );
      }
      const req = submissionOf(ex);
      if (typeof req === 'string') {
        out.push(finding('ids.rad68.soap', ['XDS-001'], art, 'soap:Envelope', req, ex.id));
        return ctx.fromFindings(out);
      }
      const res = registryResponseOf(ex);
      if (typeof res === 'string') throw new Error(`our repository's answer is unreadable: ${res}`);
      if (res.status !== STATUS.success) {
        for (const e of res.errors)
          out.push(
            finding(
              'ids.rad68.accepted',
              ['XDS-012'],
              art,
              `RegistryError[@errorCode='${e.errorCode}']`,
              `the registry rejected the submission: ${e.errorCode}: ${e.codeContext}`,
              ex.id,
            ),
          );
        if (res.errors.length === 0)
          out.push(
            finding('ids.rad68.accepted', ['XDS-012'], art, 'RegistryResponse/@status', `the registry answered ${res.status}`, ex.id),
          );
      }
      const entry = req.objects.documentEntries[0];
      if (entry) state.published = { exchange: ex, request: req, entry };
      else out.push(finding('ids.rad68.entry', ['XDS-013'], art, 'rim:RegistryObjectList', 'the submission holds no DocumentEntry', ex.id));
      return ctx.fromFindings(out);
    },
  });
}
