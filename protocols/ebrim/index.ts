// ebRIM 3.0 / ebRS 3.0 for XDS.b: typed objects with XPaths, reader and writer.
export * from './constants.ts';
export type * from './model.ts';
export { classificationsOf, codingSchemeOf, externalIdOf, slotOf, slotPath, slotValues, valuePath } from './accessors.ts';
export { readEbrim, readEbrimXml, unwrapSoap, type EbrimReadResult } from './read-message.ts';
export { readEbrimXmlLean } from './read-lean.ts';
export { readRegistryObjectList } from './read-objects.ts';
export {
  writeAdhocQueryRequest,
  writeAdhocQueryResponse,
  writeProvideAndRegister,
  writeRegistryResponse,
  writeRetrieveDocumentSetRequest,
  writeRetrieveDocumentSetResponse,
  writeSubmitObjectsRequest,
} from './write-message.ts';
export { writeRegistryObjectList } from './write-objects.ts';
export { parseCx, parseCxi, type Cx } from './cx.ts';
