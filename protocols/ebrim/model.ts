// Typed ebRIM 3.0 objects of XDS metadata. Every element keeps the XPath it was read from
// (`path`) so that findings point at it; objects built in code carry path ''.
export interface Slot {
  name: string;
  values: string[];
  path: string;
  /** Per-value paths when they do not follow rim:ValueList/rim:Value[n] (objects mapped from FHIR). */
  valuePaths?: string[];
}

export interface LocalizedString {
  value: string;
  path: string;
}

export interface Classification {
  id: string;
  /** classificationScheme (coded attributes, author) */
  scheme?: string;
  /** classificationNode (SubmissionSet / Folder markers) */
  node?: string;
  classifiedObject: string;
  nodeRepresentation?: string;
  name?: LocalizedString;
  slots: Slot[];
  path: string;
}

export interface ExternalIdentifier {
  id: string;
  scheme: string;
  value: string;
  registryObject: string;
  name?: LocalizedString;
  path: string;
}

export interface RegistryObject {
  id: string;
  lid?: string;
  status?: string;
  home?: string;
  objectType?: string;
  name?: LocalizedString;
  description?: LocalizedString;
  slots: Slot[];
  classifications: Classification[];
  externalIdentifiers: ExternalIdentifier[];
  path: string;
}

export interface DocumentEntry extends RegistryObject {
  kind: 'DocumentEntry';
  mimeType?: string;
  isOpaque?: string;
}

export interface SubmissionSet extends RegistryObject {
  kind: 'SubmissionSet';
}

export interface Folder extends RegistryObject {
  kind: 'Folder';
}

export interface Association {
  kind: 'Association';
  id: string;
  type: string;
  source: string;
  target: string;
  status?: string;
  slots: Slot[];
  path: string;
}

export interface ObjectRef {
  id: string;
  home?: string;
  path: string;
}

export interface RegistryObjectList {
  documentEntries: DocumentEntry[];
  submissionSets: SubmissionSet[];
  folders: Folder[];
  associations: Association[];
  objectRefs: ObjectRef[];
  /** Packages classified neither as SubmissionSet nor as Folder, kept for findings. */
  unclassifiedPackages: RegistryObject[];
  path: string;
}

/** A document carried beside the metadata in ITI-41 / RAD-68 (xds:Document). */
export interface AttachedDocument {
  id: string;
  /** Inline base64 content, decoded. */
  content?: Uint8Array;
  /** cid: reference of an xop:Include, to resolve against the MTOM parts. */
  include?: string;
  path: string;
}

export interface SubmitObjectsRequest {
  kind: 'SubmitObjectsRequest';
  objects: RegistryObjectList;
  /** Present when read from a ProvideAndRegisterDocumentSetRequest. */
  documents?: AttachedDocument[];
  path: string;
}

export interface RegistryError {
  errorCode: string;
  codeContext: string;
  severity: string;
  location?: string;
  path: string;
}

export interface RegistryResponse {
  kind: 'RegistryResponse';
  status: string;
  errors: RegistryError[];
  path: string;
}

export interface AdhocQueryRequest {
  kind: 'AdhocQueryRequest';
  queryId: string;
  returnType: string;
  returnComposedObjects?: boolean;
  /** Parameters by slot name; a repeated parameter gives several entries. */
  parameters: Slot[];
  home?: string;
  path: string;
}

export interface AdhocQueryResponse {
  kind: 'AdhocQueryResponse';
  status: string;
  objects: RegistryObjectList;
  errors: RegistryError[];
  path: string;
}

export interface DocumentRequest {
  repositoryUniqueId: string;
  documentUniqueId: string;
  homeCommunityId?: string;
  path: string;
}

export interface RetrieveDocumentSetRequest {
  kind: 'RetrieveDocumentSetRequest';
  requests: DocumentRequest[];
  path: string;
}

export interface DocumentResponse extends DocumentRequest {
  mimeType: string;
  content?: Uint8Array;
  include?: string;
}

export interface RetrieveDocumentSetResponse {
  kind: 'RetrieveDocumentSetResponse';
  response: RegistryResponse;
  documents: DocumentResponse[];
  path: string;
}

export type EbrimMessage =
  | SubmitObjectsRequest
  | RegistryResponse
  | AdhocQueryRequest
  | AdhocQueryResponse
  | RetrieveDocumentSetRequest
  | RetrieveDocumentSetResponse;
