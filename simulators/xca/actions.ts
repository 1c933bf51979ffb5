// WS-Addressing actions of the cross-community transactions (ITI TF-2 3.38, 3.39; RAD TF-3
// 4.75). A RAD-75 response reuses the ITI-39 response action, as RAD-69 reuses ITI-43's.
export const XCA_ACTION = {
  query: 'urn:ihe:iti:2007:CrossGatewayQuery',
  queryResponse: 'urn:ihe:iti:2007:CrossGatewayQueryResponse',
  retrieve: 'urn:ihe:iti:2007:CrossGatewayRetrieve',
  retrieveResponse: 'urn:ihe:iti:2007:CrossGatewayRetrieveResponse',
  retrieveImaging: 'urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet',
} as const;

/** Transaction name of each request action, for the kit's route table and the recorder. */
export const XCA_TRANSACTION: Readonly<Record<string, string>> = {
  [XCA_ACTION.query]: 'ITI-38',
  [XCA_ACTION.retrieve]: 'ITI-39',
  [XCA_ACTION.retrieveImaging]: 'RAD-75',
};
