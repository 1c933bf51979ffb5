// Test plan: MHD Document Source. The SUT publishes a manifest by ITI-65 to our MHD Document
// Recipient; we check the Bundle (profile, content, metadata rules), its attachments and its
// patient references. A negative test checks a Bundle for an unknown patient is refused; the
// SUT then sends that Bundle again over TLS to our TLS servers, and must refuse the bad server
// certificates and TLS versions (SEC-001, SEC-002). The published Bundle's ITI-65 must be audited
// to our Audit Record Repository (SEC-003, SEC-004).
// Simulators the plan needs: `mhd` (simulators/mhd) that the SUT posts to.
import { definePlan, defineTest, type PlanDef } from '../../engine/dsl.ts';
import { auditGroup } from '../common/audit-steps.ts';
import { initiatorTlsGroup } from '../common/initiator-tls.ts';
import type { PlanState } from './state.ts';
import { attachments, subjects, validateBundle } from './steps/content.ts';
import { receiveBundle, unknownPatientRefused, WAIT_MS } from './steps/receive.ts';
import { REPORT_LINK_REQS, reportLinks } from './steps/report-links.ts';

export const PLAN_ID = 'mhd-document-source';
const ACTOR = 'MHD Document Source';
const PUBLISH = 'mhd-src.publish';

export function mhdDocumentSourcePlan(opts: { waitMs?: number } = {}): PlanDef {
  const state: PlanState = {};
  const waitMs = opts.waitMs ?? WAIT_MS;
  const when = { roles: [ACTOR] };
  const after = { dependsOn: [PUBLISH], when };
  return definePlan({
    id: PLAN_ID,
    version: '1.0.0',
    title: 'MHD Document Source: publish a manifest (ITI-65)',
    timeoutMs: 180_000,
    groups: [
      {
        id: 'publish',
        title: 'Provide Document Bundle (ITI-65)',
        actor: ACTOR,
        tests: [
          defineTest({
            id: PUBLISH,
            title: 'The SUT publishes a Bundle by ITI-65',
            verifies: ['MHD-001'],
            when,
            steps: [receiveBundle(state, waitMs)],
          }),
          defineTest({
            id: 'mhd-src.unknown-patient',
            title: 'A Bundle for an unknown patient is refused',
            verifies: ['MHD-001'],
            when,
            steps: [unknownPatientRefused(waitMs)],
          }),
        ],
      },
      {
        id: 'content',
        title: 'Bundle content',
        actor: ACTOR,
        tests: [
          defineTest({
            id: 'mhd-src.metadata',
            title: 'MHD and MCWG metadata rules',
            verifies: ['META-050'],
            ...after,
            steps: [validateBundle(state)],
          }),
          defineTest({
            id: 'mhd-src.attachments',
            title: 'Binaries, hash and size',
            verifies: ['MHD-003'],
            ...after,
            steps: [attachments(state)],
          }),
          defineTest({ id: 'mhd-src.subjects', title: 'Patient references', verifies: ['MHD-007'], ...after, steps: [subjects(state)] }),
          // SSV1 (viewer hosted at the source): its published reports carry the viewer links.
          defineTest({
            id: 'mhd-src.report-links',
            title: 'Viewer links (IHE IID) in a published report',
            verifies: REPORT_LINK_REQS,
            when: { roles: [ACTOR], options: ['SSV1'] },
            steps: [reportLinks(waitMs)],
          }),
        ],
      },
      initiatorTlsGroup({
        actor: ACTOR,
        prefix: 'mhd-src',
        when,
        what: 'the Bundle for the unknown patient by ITI-65',
        path: '/fhir',
        waitMs,
      }),
      // The Bundle the publish test judged (accepted, or that test failed and this one is skipped):
      // one fixed exchange, whatever else the SUT has posted by the time the wait starts.
      auditGroup({ actor: ACTOR, prefix: 'mhd-src', ...after, probe: async () => (state.published ? [state.published.exchange] : []) }),
    ],
  });
}
