// Generic streamed multipart/related codec (RFC 2046, RFC 2387): WADO-RS bodies and MTOM/XOP.
export { parseContentType, formatContentType, formatParam, type ContentType } from './content-type.ts';
export {
  readMultipart,
  readMultipartBuffered,
  MultipartReadError,
  DEFAULT_LIMITS,
  type IncomingPart,
  type BufferedPart,
  type MultipartLimits,
  type MultipartErrorCode,
} from './reader.ts';
export { writeMultipart, encodeMultipart, newBoundary, multipartRelatedType, type OutgoingPart, type PartBody } from './writer.ts';
