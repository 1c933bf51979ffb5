// ITI-67 against the SUT: the provided document is found by patient and status (MHD-008)
// with a full attachment URL (MHD-012), alike with POST _search (MHD-015); a search without
// status is refused with 400 and an OperationOutcome (MHD-011); the CapabilityStatement
// answers (MHD-016).
import type { DocumentReference } from 'fhir/r4.js';
import { capabilities, findDocumentReferences, resourcesOf } from '../../../../simulators/clients/mhd-consumer.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { fhirBase, finding, isDocument, need, patient, recorded, type PlanState } from '../calls.ts';

export function findProvided(state: PlanState): StepDef {
  return defineStep({
    id: 'find',
    title: 'GET DocumentReference by patient and status returns the provided document with a full URL',
    verifies: ['MHD-008', 'MHD-012'],
    async run(ctx) {
      const s = need(state.provided, 'the provided document');
      const r = await recorded(ctx, (rec) =>
        findDocumentReferences(
          fhirBase(ctx),
          { 'patient.identifier': patient(ctx).token, status: 'current' },
          rec,
          {},
          withClientSecurity(ctx.sut),
        ),
      );
      const ex = r.exchange;
      if (r.status !== 200 || r.resource?.type !== 'searchset')
        return ctx.fromFindings([
          finding(
            'mhd.find.status',
            ['MHD-008'],
            ex,
            'HTTP status',
            `expected 200 with a searchset Bundle; got ${r.status} ${r.resource?.type ?? ''}`,
          ),
        ]);
      const dr = resourcesOf<DocumentReference>(r.resource, 'DocumentReference').find((d) => isDocument(d, s.uniqueId));
      if (!dr)
        return ctx.fromFindings([
          finding(
            'mhd.find.missing',
            ['MHD-008'],
            ex,
            'Bundle.entry',
            `the provided document (uniqueId ${s.uniqueId}) is not among the results`,
          ),
        ]);
      state.found = dr;
      const url = dr.content[0]?.attachment.url ?? '';
      return ctx.fromFindings(
        /^https?:\/\//.test(url)
          ? []
          : [
              finding(
                'mhd.find.url',
                ['MHD-012'],
                ex,
                'DocumentReference.content[0].attachment.url',
                `'${url}' is not a full URL usable for ITI-68`,
              ),
            ],
      );
    },
  });
}

export function postSearch(state: PlanState): StepDef {
  return defineStep({
    id: 'post-search',
    title: 'POST DocumentReference/_search returns the provided document too',
    verifies: ['MHD-015'],
    async run(ctx) {
      const s = need(state.provided, 'the provided document');
      const r = await recorded(ctx, (rec) =>
        findDocumentReferences(
          fhirBase(ctx),
          { 'patient.identifier': patient(ctx).token, status: 'current' },
          rec,
          { post: true },
          withClientSecurity(ctx.sut),
        ),
      );
      const found = resourcesOf<DocumentReference>(r.resource, 'DocumentReference').some((d) => isDocument(d, s.uniqueId));
      return ctx.fromFindings(
        r.status === 200 && found
          ? []
          : [
              finding(
                'mhd.find.post',
                ['MHD-015'],
                r.exchange,
                'HTTP status',
                `POST _search answered ${r.status}${r.status === 200 ? ' without the provided document' : ''}`,
              ),
            ],
      );
    },
  });
}

export function missingStatus(): StepDef {
  return defineStep({
    id: 'missing-status',
    title: 'A search without status is refused with 400 and an OperationOutcome',
    verifies: ['MHD-011'],
    async run(ctx) {
      const r = await recorded(ctx, (rec) =>
        findDocumentReferences(fhirBase(ctx), { 'patient.identifier': patient(ctx).token }, rec, {}, withClientSecurity(ctx.sut)),
      );
      return ctx.fromFindings(
        r.status === 400 && r.outcome
          ? []
          : [
              finding(
                'mhd.find.missing-status',
                ['MHD-011'],
                r.exchange,
                'HTTP status',
                `expected 400 with an OperationOutcome; got ${r.status}`,
              ),
            ],
      );
    },
  });
}

export function capabilityStatement(): StepDef {
  return defineStep({
    id: 'capability',
    title: 'GET metadata returns a CapabilityStatement listing DocumentReference search',
    verifies: ['MHD-016'],
    async run(ctx) {
      const r = await recorded(ctx, (rec) => capabilities(fhirBase(ctx), rec, withClientSecurity(ctx.sut)));
      const ok =
        r.status === 200 &&
        r.resource?.resourceType === 'CapabilityStatement' &&
        JSON.stringify(r.resource.rest ?? []).includes('DocumentReference');
      return ctx.fromFindings(
        ok
          ? []
          : [
              finding(
                'mhd.capability',
                ['MHD-016'],
                r.exchange,
                'HTTP status',
                `expected 200 with a CapabilityStatement that lists DocumentReference; got ${r.status} ${r.resource?.resourceType ?? ''}`,
              ),
            ],
      );
    },
  });
}
