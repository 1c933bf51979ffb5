// Cipher suites judged against BCP 195 (RFC 9325 §4.2, which keeps RFC 7525's list): the
// recommended TLS 1.2 suites are ECDHE/DHE with AES-GCM; TLS 1.3 suites are all AEAD, but
// TLS_AES_128_CCM_8_SHA256 has a short tag and is not marked Recommended by IANA.
// Other forward-secret AEAD suites (CHACHA20-POLY1305, AES-CCM) are acceptable with a warning;
// anything else (CBC, RSA key transport, 3DES, RC4, NULL, export) is refused.

export type SuiteVerdict = 'recommended' | 'acceptable' | 'refused';

const RECOMMENDED = new Set([
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
]);

/** `suite` in IANA form, as tlsInfo() records it. */
export function judgeSuite(suite: string): SuiteVerdict {
  if (RECOMMENDED.has(suite)) return 'recommended';
  if (/^TLS_(EC)?DHE_(RSA|ECDSA)_WITH_(CHACHA20_POLY1305|AES_(128|256)_CCM)(_SHA256)?$/.test(suite) || suite === 'TLS_AES_128_CCM_SHA256')
    return 'acceptable';
  return 'refused';
}

/**
 * OpenSSL names of suites BCP 195 rules out and that a TLS 1.2 server still often enables:
 * CBC with SHA-1 or SHA-256, RSA key transport, 3DES. Offered alone, they must be refused.
 */
export const WEAK_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-RSA-AES256-SHA384',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
].join(':');

/** What our own servers and clients offer: BCP 195's recommended suites, TLS 1.3 first (node takes both kinds in one list). */
export const BCP195_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-AES128-GCM-SHA256',
].join(':');
