// The identifiers of the gateway plan, fixed so the tester, our RIS and our registry agree:
// the local study we load into the legacy PACS, the report about it, and the remote study
// (another site's, published in our registry) the gateway must consume.
import { HL7_IDS } from '../../../fixtures/builders/hl7-ids.ts';

export const GW = {
  /** National patient ID: the registry's patientId. */
  nationalCx: `${HL7_IDS.nationalId}^^^&${HL7_IDS.nationalOid}&ISO`,
  nationalId: HL7_IDS.nationalId,
  nationalOid: HL7_IDS.nationalOid,
  /** The PACS's local patient ID. */
  localId: HL7_IDS.localId,
  localOid: HL7_IDS.localOid,
  accession: HL7_IDS.accession,
  accessionOid: HL7_IDS.accessionOid,
  /** Seeds of the synthetic studies (same seed, same UIDs). */
  localSeed: 'mcwg-gateway-local',
  remoteSeed: 'mcwg-gateway-remote',
  /** Our AE title when we talk DIMSE to the legacy PACS. */
  callingAet: 'MCWGTEST',
} as const;
