// Why a document was refused; never thrown out of parseXml.
export type XmlErrorCode =
  | 'too-large'
  | 'doctype'
  | 'too-deep'
  | 'invalid-utf8'
  | 'malformed'
  | 'empty'
  | 'unbound-prefix'
  | 'invalid-char'
  | 'encoding';

export interface XmlError {
  code: XmlErrorCode;
  message: string;
  /** Byte offset (invalid UTF-8, disallowed character, encoding declaration) or character offset (DOCTYPE, malformed) where known. */
  offset?: number;
}
