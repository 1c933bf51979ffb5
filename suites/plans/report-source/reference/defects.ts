// Broken variants of the reference report source: one injected defect each in the report it
// sends (or in its MLLP framing), with exactly the requirements the plan must fail on.
import { withField, withoutSegment } from '../../../../fixtures/builders/hl7-variants.ts';
import type { MutationDefect } from '../../../engine/plan-module.ts';

export const DEFECT_IDS = [
  'missing-accession',
  'wrong-patient-issuer',
  'missing-study-uid',
  'wrong-study-uid',
  'wrong-result-status',
  'bad-mllp-framing',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
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
};

/** The report as the defect changes it; framing defects leave the text alone. */
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
