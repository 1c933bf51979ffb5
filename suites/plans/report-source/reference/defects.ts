// Broken variants of the reference report source: one injected defect each in the report it
// sends (or in its MLLP framing), with exactly the requirements the plan must fail on.
import { withField, withoutSegment } from '../../../../fixtures/builders/hl7-variants.ts';
import { HL7_IDS } from '../../../../fixtures/builders/hl7-ids.ts';
import { IID_BASE, iidUrl, oruWithIidLinks } from '../../../../fixtures/builders/iid-reports.ts';
import type { MutationDefect } from '../../../engine/plan-module.ts';

export const DEFECT_IDS = [
  'missing-accession',
  'wrong-patient-issuer',
  'missing-study-uid',
  'wrong-study-uid',
  'wrong-result-status',
  'bad-mllp-framing',
  'no-viewer-link',
  'malformed-viewer-link',
  'stray-viewer-link',
  'one-link-two-studies',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  'accepts-any-server-cert': {
    id: 'accepts-any-server-cert',
    description: 'as an MLLP-over-TLS client it accepts any server certificate: one from an unknown CA and an expired one too',
    fails: ['SEC-002'],
  },
  'accepts-legacy-tls': {
    id: 'accepts-legacy-tls',
    description: 'as an MLLP-over-TLS client it completes a handshake at TLS 1.0 or 1.1 when the server offers nothing newer',
    fails: ['SEC-001'],
  },
  'missing-accession': {
    id: 'missing-accession',
    description: 'OBR-18 (accession number with its issuer) is empty',
    fails: ['LINK-003', 'LINK-008', 'RIS-006'],
  },
  'wrong-patient-issuer': {
    id: 'wrong-patient-issuer',
    description: "the national patient ID in PID-3 carries another assigning authority OID than the study's",
    fails: ['LINK-009'],
  },
  'missing-study-uid': {
    id: 'missing-study-uid',
    description: 'the ZDS segment (Study Instance UID) is left out',
    fails: ['LINK-002', 'RIS-007'],
  },
  'wrong-study-uid': {
    id: 'wrong-study-uid',
    description: 'ZDS-1 names another Study Instance UID than the study reported on',
    fails: ['LINK-002'],
  },
  'wrong-result-status': {
    id: 'wrong-result-status',
    description: 'OBR-25 holds Q, not a result status of HL7 table 0123',
    fails: ['RIS-004', 'RIS-009'],
  },
  'bad-mllp-framing': {
    id: 'bad-mllp-framing',
    description: 'the report is sent without the MLLP end block (0x1C 0x0D) before the connection closes',
    fails: ['RIS-001'],
  },
  'no-viewer-link': {
    id: 'no-viewer-link',
    description: 'the report carries no IID viewer link (OBX RP) for its study',
    fails: ['IID-001'],
  },
  'malformed-viewer-link': {
    id: 'malformed-viewer-link',
    description: 'the viewer link has no requestType parameter (not a RAD-106 request)',
    fails: ['IID-002'],
  },
  'stray-viewer-link': {
    id: 'stray-viewer-link',
    description: 'a second viewer link names a study the report does not cover',
    fails: ['LINK-011'],
  },
  'one-link-two-studies': {
    id: 'one-link-two-studies',
    description: 'the report covers two studies (two ZDS) but carries a viewer link for the first only',
    fails: ['IID-005'],
  },
};

/** A study no report of this plan covers, for the stray link. */
const OTHER_STUDY = '1.2.250.1.999.5.9.9.8';

/**
 * The reference report (SSV1: one IID viewer link per study, OBX RP after the ZDS) as the defect
 * changes it; framing defects leave the text alone.
 */
export function referenceReport(controlId: string, defect: DefectId | undefined): string {
  const S = HL7_IDS.studyUid;
  const links: Partial<Record<DefectId, Parameters<typeof oruWithIidLinks>[0]>> = {
    'no-viewer-link': { links: [] },
    'malformed-viewer-link': { links: [`${IID_BASE}/IHEInvokeImageDisplay?studyUID=${S}`] },
    'stray-viewer-link': { links: [iidUrl(S), iidUrl(OTHER_STUDY)] },
    'one-link-two-studies': { twoStudies: true, links: [iidUrl(S)] },
  };
  const report = withField(oruWithIidLinks(defect ? links[defect] : undefined), 'MSH-10', controlId);
  return reportWithDefect(report, defect);
}

/** The report as the defect changes it; framing and link defects leave the rest alone. */
export function reportWithDefect(er7: string, defect: DefectId | undefined): string {
  switch (defect) {
    case 'missing-accession':
      return withField(er7, 'OBR-18', '');
    case 'wrong-patient-issuer':
      return withField(er7, 'PID-3[1].4.2', '1.2.250.1.213.1.4.99');
    case 'missing-study-uid':
      return withoutSegment(er7, 'ZDS');
    case 'wrong-study-uid':
      return withField(er7, 'ZDS-1.1', '1.2.250.1.999.5.9.9.9');
    case 'wrong-result-status':
      return withField(er7, 'OBR-25', 'Q');
    default:
      return er7;
  }
}
