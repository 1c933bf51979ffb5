// GET [base]/metadata (MHD-016, ITI TF-2 Appendix Z.3): what this responder does, generated
// from the same parameter lists the search code honours so the two cannot drift.
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4.js';
import { DOCUMENT_REFERENCE_PARAMS } from './find-document-references.ts';
import { LIST_PARAMS } from './find-lists.ts';

type Param = readonly [string, string];

const MCWG_PARAMS: Record<string, string> = {
  modality: 'context.event with system DCM by default (MCWG level 2)',
  'anatomic-region': 'context.event with system SNOMED CT by default (MCWG level 2)',
  study: 'context.related: Study Instance UID',
  accession: 'context.related: accession number (system = issuer urn:oid:)',
  period: 'context.period.start: the study date (serviceStartTime)',
};

const params = (list: readonly Param[]) =>
  list.map(([name, type]) => ({ name, type: type as 'token', ...(MCWG_PARAMS[name] ? { documentation: MCWG_PARAMS[name] } : {}) }));

export function capabilityStatement(version: string): CapabilityStatement {
  const resource = (
    type: CapabilityStatementRestResource['type'],
    interactions: ('read' | 'search-type')[],
    search: readonly Param[] = [],
    profile?: string,
  ): CapabilityStatementRestResource => ({
    type,
    ...(profile ? { supportedProfile: [profile] } : {}),
    interaction: interactions.map((code) => ({ code })),
    ...(search.length ? { searchParam: params(search) } : {}),
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    software: { name: 'mcwg-conformance MHD Document Recipient/Responder', version },
    fhirVersion: '4.0.0', // the enum of the official R4 fhir.schema.json stops at 4.0.0
    format: ['application/fhir+json', 'json'],
    implementationGuide: ['https://profiles.ihe.net/ITI/MHD/ImplementationGuide/ihe.iti.mhd'],
    rest: [
      {
        mode: 'server',
        documentation: 'ITI-65 (POST [base] transaction), ITI-66, ITI-67 (GET or POST _search), ITI-68 (Binary/{id}). JSON only.',
        interaction: [{ code: 'transaction' }],
        resource: [
          resource(
            'DocumentReference',
            ['read', 'search-type'],
            DOCUMENT_REFERENCE_PARAMS,
            'https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Minimal.DocumentReference',
          ),
          resource(
            'List',
            ['read', 'search-type'],
            LIST_PARAMS,
            'https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Minimal.SubmissionSet',
          ),
          resource('Binary', ['read']),
          resource('Patient', ['read']),
        ],
      },
    ],
  };
}
