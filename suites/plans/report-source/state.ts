// What the tests of one run of the report-source plan share: the report the SUT sent (as our
// RIS receiver recorded it) and the study it must report on. The study is the plan's test
// data, handed to the tester in the instructions, as a projectathon monitor hands out an order.
import type { Exchange } from '../../../model/exchange.ts';
import { HL7_IDS } from '../../../fixtures/builders/hl7-ids.ts';
import type { ManifestFacts } from '../../../validators/manifest-facts.ts';

export interface PlanState {
  report?: { exchange: Exchange; bytes: Buffer };
}

/** The study the SUT reports on: its manifest facts, the reference for every linkage check. */
export function reportStudy(): ManifestFacts {
  return {
    sopInstanceUid: '2.25.1',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.88.59',
    patient: { id: HL7_IDS.nationalId, issuerOid: HL7_IDS.nationalOid },
    otherPatientIds: [{ id: HL7_IDS.localId, issuerOid: HL7_IDS.localOid }],
    studyInstanceUid: HL7_IDS.studyUid,
    accessionNumber: HL7_IDS.accession,
    accessionIssuerOid: HL7_IDS.accessionOid,
    placerOrderNumbers: [HL7_IDS.placer],
    fillerOrderNumbers: [HL7_IDS.filler],
    requestedProcedureIds: [],
    procedureCodes: [],
    modalities: ['CT'],
    series: [],
  };
}

/** One line for the tester: what to report on. */
export function studyInstructions(m: ManifestFacts): string {
  return `patient ${m.patient.id} (issuer ${m.patient.issuerOid ?? '-'}) or ${m.otherPatientIds.map((p) => `${p.id} (${p.issuerOid ?? '-'})`).join(', ')}, accession ${m.accessionNumber ?? '-'} (issuer ${m.accessionIssuerOid ?? '-'}), placer order ${m.placerOrderNumbers.join(', ')}, Study Instance UID ${m.studyInstanceUid}`;
}

export function needReport(state: PlanState): NonNullable<PlanState['report']> {
  if (!state.report) throw new Error('no report: the receive test did not record one');
  return state.report;
}

/** The recorded message bytes: our receiver keeps report-sized bodies inline, as latin1 text. */
export function bodyOf(ex: Exchange): Buffer | undefined {
  return ex.request.body === undefined ? undefined : Buffer.from(ex.request.body, 'latin1');
}
