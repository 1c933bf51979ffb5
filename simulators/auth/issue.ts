// Test IUA access tokens (ITI-71 JWT form): iss, sub, aud, exp, iat, jti, scope, and the
// patient / study the token is confined to (SEC-006, SEC-007, SEC-009 checks need both kinds).
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './keys.ts';

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  /** Space-separated OAuth scopes, e.g. 'system/DocumentReference.read'. */
  scope?: string;
  /** Patient the token grants (CX 'id^^^&oid&ISO' or a FHIR Patient id), as SMART's `patient` claim. */
  patient?: string;
  /** Study Instance UIDs the token grants; our claim name, no standard one exists yet. */
  study?: string[];
  /** Document uniqueIds the token grants (a manifest read by ITI-68, for SEC-007); our claim name too. */
  document?: string[];
}

export interface IssueOptions {
  /** Seconds from now; negative issues an already-expired token. */
  expiresIn: number;
  now?: Date;
}

export async function issueToken(key: SigningKey, claims: TokenClaims, opts: IssueOptions): Promise<string> {
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const { iss, sub, aud, ...rest } = claims;
  const payload: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) payload[k] = v;
  return (
    new SignJWT(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(iss)
      .setSubject(sub)
      .setAudience(aud)
      // An expired token was also issued in the past, so iat stays before exp.
      .setIssuedAt(Math.min(now, now + opts.expiresIn - 60))
      .setExpirationTime(now + opts.expiresIn)
      .setJti(randomUUID())
      .sign(key.privateKey)
  );
}
