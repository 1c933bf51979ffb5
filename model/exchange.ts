// Evidence: every message a simulator or client sends or receives.
import type { BodyParts } from './body-parts.ts';
import type { Unreachable } from './transport.ts';

export interface Payload {
  /** Start line or summary for display, e.g. 'POST /xds/repository HTTP/1.1' or 'MSH|^~\&|…'. Steps read the structured fields below, never this. */
  summary?: string;
  /** HTTP request method ('POST'); requests only. */
  method?: string;
  /** HTTP request URL as sent or received (path and query on the server side, absolute on the client side); requests only. */
  url?: string;
  /** HTTP status code; responses only. */
  status?: number;
  /** Lower-case names; credentials (authorization, proxy-authorization, cookie, set-cookie) are kept by name with the value `(redacted)`. */
  headers?: Record<string, string>;
  contentType?: string;
  size: number;
  /** SHA-256 of the body bytes, hex. */
  sha256?: string;
  /**
   * A multipart body sent whole as framing around stored files (a WADO-RS retrieve), recorded part
   * by part instead of hashing every byte per request; `sha256` is then absent (model/body-parts.ts).
   */
  parts?: BodyParts;
  /** Small bodies inline (text); large bodies only by hash, written to evidence/. */
  body?: string;
}

export interface TlsInfo {
  /** Negotiated version as node names it: 'TLSv1.3'. */
  protocol?: string;
  /** Negotiated suite, IANA/OpenSSL name: 'TLS_AES_256_GCM_SHA384'. */
  cipher?: string;
  peerCertificateSubject?: string;
  /** SHA-256 of the peer certificate's DER, colon-separated hex as openssl prints it. */
  peerCertificateFingerprint256?: string;
}

export interface Exchange {
  id: string;
  at: string;
  /** e.g. 'ITI-41', 'RAD-107', 'HL7 ORU^R01' */
  transaction: string;
  from: string;
  to: string;
  request: Payload;
  response?: Payload;
  tls?: TlsInfo;
  /** Set when the exchange failed at the transport or framing level. */
  error?: string;
  /** Set by our clients when the SUT gave no answer at all (refused, unresolvable, timeout). */
  unreachable?: Unreachable;
  durationMs?: number;
}

export interface Simulator {
  /** Base URL (or mllp://host:port) with the real port. */
  url: string;
  exchanges(): Exchange[];
  /** Closes sockets and flushes the store; idempotent. */
  stop(): Promise<void>;
}
