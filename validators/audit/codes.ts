// Coded values of DICOM audit messages: DICOM PS3.16 CID 400-series (DCM), RFC 3881 codes and
// the IHE ones of ITI TF-2 §3.x.5 audit tables. Equal by value and scheme (originalText is display).
export interface Code {
  code: string;
  codeSystemName: string;
  originalText: string;
}

const dcm = (code: string, originalText: string): Code => ({ code, codeSystemName: 'DCM', originalText });

export const EVENT = {
  export: dcm('110106', 'Export'),
  import: dcm('110107', 'Import'),
  query: dcm('110112', 'Query'),
  beginTransferring: dcm('110102', 'Begin Transferring DICOM Instances'),
  instancesTransferred: dcm('110104', 'DICOM Instances Transferred'),
} as const;

export const ROLE = {
  source: dcm('110153', 'Source Role ID'),
  destination: dcm('110152', 'Destination Role ID'),
} as const;

export const ID_TYPE = {
  patient: { code: '2', codeSystemName: 'RFC-3881', originalText: 'Patient Number' },
  document: { code: '9', codeSystemName: 'RFC-3881', originalText: 'Report Number' },
  study: dcm('110180', 'Study Instance UID'),
  // ITI TF-2 3.41.4.1.4: the submission set's classificationNode UUID, scheme "IHE XDS Metadata".
  submissionSet: {
    code: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd',
    codeSystemName: 'IHE XDS Metadata',
    originalText: 'submission set classificationNode',
  },
} as const;

/** EventTypeCode of an IHE transaction: EV("ITI-41", "IHE Transactions", "Provide and Register Document Set-b"). */
export function transactionCode(id: string, name: string): Code {
  return { code: id, codeSystemName: 'IHE Transactions', originalText: name };
}

/** RFC 3881 §5.1 EventActionCode values each event allows (DICOM PS3.15 A.5.3). */
export const ACTIONS_FOR_EVENT: Record<string, readonly string[]> = {
  '110106': ['R'],
  '110107': ['C'],
  '110112': ['E'],
  '110102': ['E'],
  '110104': ['C', 'R', 'U'],
};
