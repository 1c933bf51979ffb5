export { parseXml, firstInvalidUtf8, type XmlParseResult } from './parse-xml.ts';
export type { OnClose } from './scan.ts';
export { childOf, childrenOf, findFirst, type XmlElement } from './xml-element.ts';
export { NS, canonicalPrefix } from './namespaces.ts';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './limits.ts';
export type { XmlError, XmlErrorCode } from './xml-error.ts';
export { escapeXml } from './escape.ts';
export { checkXmlChars, checkEncodingDeclaration, isXmlChar } from './xml-chars.ts';
