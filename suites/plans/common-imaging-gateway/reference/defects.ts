// One injected defect per broken variant of the reference gateway, and the requirements the
// gateway plan must fail on for it.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { initiatorTlsDefects, serverTlsDefects } from '../../../reference-sut/reference-tls.ts';
export const DEFECT_IDS = [
  'no-report-publication',
  'kos-missing-series',
  'wrong-accession',
  'local-patient-id',
  'stale-wado-cache',
  'no-consume',
  'slow-publication',
  'viewer-error-page',
  'no-republication',
  'correction-without-rplc',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
] as const;
/** The slow-publication defect's delay; the reference test sets a limit below it. */
export const SLOW_PUBLICATION_MS = 6_000;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  ...initiatorTlsDefects('the gateway, querying a registry,'),
  'no-report-publication': {
    id: 'no-report-publication',
    description: 'the gateway publishes the manifest but never the report',
    fails: ['LINK-002', 'LINK-003'],
  },
  'kos-missing-series': {
    id: 'kos-missing-series',
    description: 'the manifest leaves out the last series the PACS returned at SERIES level',
    fails: ['GW-003'],
  },
  'wrong-accession': {
    id: 'wrong-accession',
    description: "the manifest and its metadata carry an accession other than the report's",
    fails: ['GW-001'],
  },
  'local-patient-id': {
    id: 'local-patient-id',
    description: "the manifest's Patient ID is the PACS's local ID, not the national one",
    fails: ['GW-010'],
  },
  'stale-wado-cache': {
    id: 'stale-wado-cache',
    description: 'the WADO-RS front serves a stale cache that lacks the last instance of the study',
    fails: ['GW-005', 'WADO-001', 'WADO-002'],
  },
  'slow-publication': {
    id: 'slow-publication',
    description: `the gateway waits ${SLOW_PUBLICATION_MS} ms after the report before publishing (the reference test's limit is shorter)`,
    fails: ['GW-002'],
  },
  'viewer-error-page': {
    id: 'viewer-error-page',
    description: "the gateway's viewer reads images from a retired endpoint: the report's IID link opens an error page",
    fails: ['GW-009'],
  },
  'no-republication': {
    id: 'no-republication',
    description: 'the gateway never looks at a published study again: a series added at the PACS is never republished',
    fails: ['GW-011', 'KOS-049'],
  },
  'correction-without-rplc': {
    id: 'correction-without-rplc',
    description: 'the gateway publishes a corrected report (OBR-25 C) as a new document, without RPLC to the one it corrects',
    fails: ['RIS-010'],
  },
  'no-consume': { id: 'no-consume', description: 'the gateway never looks up or retrieves remote studies', fails: ['GW-006', 'GW-007'] },
  ...serverTlsDefects('the WADO-RS and HL7 fronts', true),
};

export function isDefectId(s: string): s is DefectId {
  return (DEFECT_IDS as readonly string[]).includes(s);
}
