// DICOMweb status codes (PS3.18 8.5, transactions.md RAD-107) and the short text bodies sent.
export const STATUS = {
  ok: 200,
  partial: 206,
  badRequest: 400,
  notFound: 404,
  notAcceptable: 406,
  unavailable: 503,
} as const;

export interface DicomWebError {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** PS3.5 9.1: digits and dots, no leading zeros in a component, at most 64 characters. */
export function isValidUid(s: string): boolean {
  return s.length > 0 && s.length <= 64 && UID.test(s);
}

export const errors = {
  badUid: (what: string, value: string): DicomWebError => ({
    status: 400,
    message: `malformed ${what}: ${JSON.stringify(value.slice(0, 80))}`,
  }),
  notFound: (what: string): DicomWebError => ({ status: 404, message: `${what} not found` }),
  notAcceptable: (accept: string | undefined, offered: string): DicomWebError => ({
    status: 406,
    message: `none of the accepted media types can be served (Accept: ${accept ?? '(none)'}; offered: ${offered})`,
  }),
  unavailable: (retryAfterS: number): DicomWebError => ({
    status: 503,
    message: 'service unavailable',
    headers: { 'Retry-After': String(retryAfterS) },
  }),
};
