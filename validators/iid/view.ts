// What IID link rules see, whatever the report's form (HL7 v2, MHD DocumentReference, CDA):
// the viewer links it carries, the studies it covers and, where the report has metadata, the
// study UIDs of its referenceIdList. Every item keeps its location in the artefact's terms.
export interface Located {
  value: string;
  /** HL7 field ('OBX[3]-5.1'), FHIRPath or XPath. */
  path: string;
}

export interface IidView {
  /** Viewer URLs found in the report. */
  links: Located[];
  /** Study Instance UIDs the report covers (ZDS / IPC / OBX 110180, referenceIdList, CDA study acts). */
  studies: Located[];
  /** Study UIDs of the report's referenceIdList; undefined when the report carries no such metadata. */
  references?: Located[];
  /** Where a link is expected when there is none ('OBX', 'DocumentReference.content', '/ClinicalDocument'). */
  linkHome: string;
  /** Set when the artefact could not be read at all; rules then report nothing else. */
  unreadable?: Located;
}
