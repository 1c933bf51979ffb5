// Resource-server side of IUA (SEC-005, SEC-006): checks a request's bearer token against a
// JWKS and what the request asks for, and answers in RFC 6750 terms: 401 with a
// WWW-Authenticate challenge for a missing or invalid token, 403 for a valid token that does
// not grant this patient, study or scope.
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { TOKEN_ALGS } from './keys.ts';

export interface AccessRequest {
  /** Scopes the operation needs; each must be in the token's `scope`. */
  scopes?: string[];
  /** The patient the request is about; the token's `patient` must equal it when set. */
  patient?: string;
  /** The study the request is about; must be among the token's `study` claim. */
  study?: string;
}

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  audience: string | string[];
  issuer?: string;
  /** Allowed clock difference, seconds (default 30). */
  clockTolerance?: number;
  realm?: string;
}

export type BearerDecision =
  | { ok: true; claims: JWTPayload }
  | {
      ok: false;
      status: 401 | 403;
      error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
      reason: string;
      wwwAuthenticate?: string;
      reqIds: string[];
    };

/** JWKS from a file path or an http(s) URL (fetched and cached by jose). */
export async function loadJwks(source: string): Promise<JWTVerifyGetKey> {
  if (/^https?:\/\//.test(source)) return createRemoteJWKSet(new URL(source));
  return createLocalJWKSet(JSON.parse(await readFile(source, 'utf8')) as JSONWebKeySet);
}

export async function checkBearer(
  authorization: string | undefined,
  opts: VerifierOptions,
  want: AccessRequest = {},
): Promise<BearerDecision> {
  const realm = opts.realm ?? 'mcwg';
  const challenge = (error?: string, description?: string, scope?: string) =>
    [
      `Bearer realm="${realm}"`,
      error && `error="${error}"`,
      description && `error_description="${description.replace(/["\\]/g, "'")}"`,
      scope && `scope="${scope}"`,
    ]
      .filter(Boolean)
      .join(', ');
  // RFC 6750 §3.1: no credentials at all gets a bare challenge, without an error code.
  if (!authorization)
    return { ok: false, status: 401, reason: 'no Authorization header', wwwAuthenticate: challenge(), reqIds: ['SEC-005'] };
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  if (!m) {
    const reason = 'Authorization is not "Bearer <token>"';
    return {
      ok: false,
      status: 401,
      error: 'invalid_request',
      reason,
      wwwAuthenticate: challenge('invalid_request', reason),
      reqIds: ['SEC-005'],
    };
  }
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(m[1]!, opts.keys, {
      audience: opts.audience,
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
      algorithms: [...TOKEN_ALGS],
      clockTolerance: opts.clockTolerance ?? 30,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (err) {
    const reason = invalidReason(err);
    return {
      ok: false,
      status: 401,
      error: 'invalid_token',
      reason,
      wwwAuthenticate: challenge('invalid_token', reason),
      reqIds: ['SEC-005'],
    };
  }
  const granted = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const missing = (want.scopes ?? []).filter((s) => !granted.includes(s));
  if (missing.length) {
    const reason = `token lacks scope ${missing.join(' ')}`;
    return {
      ok: false,
      status: 403,
      error: 'insufficient_scope',
      reason,
      wwwAuthenticate: challenge('insufficient_scope', reason, want.scopes!.join(' ')),
      reqIds: ['SEC-006'],
    };
  }
  if (want.patient !== undefined && claims.patient !== want.patient) {
    return {
      ok: false,
      status: 403,
      reason: `token grants patient ${JSON.stringify(claims.patient ?? null)}, not ${want.patient}`,
      reqIds: ['SEC-006'],
    };
  }
  if (want.study !== undefined) {
    const studies = Array.isArray(claims.study) ? claims.study : typeof claims.study === 'string' ? [claims.study] : [];
    if (!studies.includes(want.study))
      return { ok: false, status: 403, reason: `token does not grant study ${want.study}`, reqIds: ['SEC-006'] };
  }
  return { ok: true, claims };
}

function invalidReason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed)
    return `claim ${err.claim} ${err.reason === 'check_failed' ? 'does not match' : err.reason}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key in the JWKS matches the token (kid/alg)';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed (RS256 or ES256)';
  if (err instanceof errors.JOSEError) return `malformed token (${err.code})`;
  return 'token could not be verified';
}
