// ebRIM identifiers of XDS metadata (IHE ITI TF-3 4.2.5); see spec/transactions.md.
export const DOC_ENTRY_STABLE = 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1';
export const DOC_ENTRY_ON_DEMAND = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248';
export const SUBMISSION_SET_NODE = 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd';
export const FOLDER_NODE = 'urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2';

export const DE = {
  classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
  eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
  healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
  practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
  typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
} as const;

export const SS = {
  contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
  author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
  uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
  sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
  patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
} as const;

export const FOLDER = {
  codeList: 'urn:uuid:1ba97051-7806-41a8-a48b-8fce7af683c5',
  uniqueId: 'urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a',
  patientId: 'urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a',
} as const;

export const SLOT = {
  referenceIdList: 'urn:ihe:iti:xds:2013:referenceIdList',
  codingScheme: 'codingScheme',
} as const;

export const ASSOC = {
  hasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
  rplc: 'urn:ihe:iti:2007:AssociationType:RPLC',
  xfrm: 'urn:ihe:iti:2007:AssociationType:XFRM',
  apnd: 'urn:ihe:iti:2007:AssociationType:APND',
  xfrmRplc: 'urn:ihe:iti:2007:AssociationType:XFRM_RPLC',
  signs: 'urn:ihe:iti:2007:AssociationType:signs',
} as const;

export const STATUS = {
  success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
  partialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
  approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
} as const;

export const ERROR_SEVERITY = {
  error: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
  warning: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning',
} as const;

/** WS-Addressing actions of the XDS.b / XDS-I.b requests (ITI TF-2, RAD TF-3). */
export const XDS_ACTION = {
  provide: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
  register: 'urn:ihe:iti:2007:RegisterDocumentSet-b',
  query: 'urn:ihe:iti:2007:RegistryStoredQuery',
  retrieve: 'urn:ihe:iti:2007:RetrieveDocumentSet',
  retrieveImaging: 'urn:ihe:rad:2009:RetrieveImagingDocumentSet',
} as const;
