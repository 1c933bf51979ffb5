import type { Rule } from '../../rule.ts';
import type { Hl7Ctx, Hl7View } from '../view.ts';
import { accessionWithIssuer } from './accession.ts';
import { controlCharacters } from './control-characters.ts';
import { cxAuthority } from './cx-authority.ts';
import { linkAccession } from './link-accession.ts';
import { linkOrder } from './link-order.ts';
import { linkPatient } from './link-patient.ts';
import { linkStudy } from './link-study.ts';
import { messageTypeSupported } from './message-type.ts';
import { mshRequired } from './msh-required.ts';
import { orderNumbers } from './order-numbers.ts';
import { parses } from './parse.ts';
import { reportPatientIds } from './patient-ids.ts';
import { procedureCode } from './procedure-code.ts';
import { reportBody } from './report-body.ts';
import { resultStatus } from './result-status.ts';
import { segmentTerminator } from './segment-terminator.ts';
import { structureSegments } from './structure.ts';
import { studyUidConveyed } from './study-uid.ts';
import { timestampsValid } from './timestamps.ts';
import { txaRequired } from './txa-required.ts';
import { versionSupported } from './version.ts';

export const HL7_MESSAGE_RULES: Rule<Hl7View, Hl7Ctx>[] = [
  parses,
  segmentTerminator,
  controlCharacters,
  mshRequired,
  messageTypeSupported,
  versionSupported,
  structureSegments,
  timestampsValid,
  cxAuthority,
  reportPatientIds,
  orderNumbers,
  accessionWithIssuer,
  procedureCode,
  resultStatus,
  reportBody,
  studyUidConveyed,
  txaRequired,
];

export const HL7_LINK_RULES: Rule<Hl7View, Hl7Ctx>[] = [linkPatient, linkAccession, linkOrder, linkStudy];
