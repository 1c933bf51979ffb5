// DICOMweb (PS3.18) wire rules shared by the WADO-RS simulator and the WADO-RS client checks.
export {
  parseAccept,
  negotiatePart10,
  acceptsDicomJson,
  EXPLICIT_VR_LE,
  DICOM_JSON,
  type MediaRange,
  type Part10Choice,
} from './accept.ts';
export { STATUS, errors, isValidUid, type DicomWebError } from './status.ts';
