// Why a document was refused; never thrown out of parseXml.
export type XmlErrorCode = 'too-large' | 'doctype' | 'too-deep' | 'invalid-utf8' | 'malformed' | 'empty' | 'unbound-prefix';

export interface XmlError {
  code: XmlErrorCode;
  message: string;
  /** Byte offset (invalid UTF-8) or character offset (DOCTYPE) where known. */
  offset?: number;
}
