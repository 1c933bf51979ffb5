// Each refusal of the bearer-token check, with the status and challenge RFC 6750 prescribes
// (SEC-005: 401 + WWW-Authenticate; SEC-006: 403 for a valid token without the rights).
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueToken, type TokenClaims } from './issue.ts';
import { generateSigningKey, type SigningKey } from './keys.ts';
import { checkBearer, loadJwks, type VerifierOptions } from './verify.ts';

const CLAIMS: TokenClaims = {
  iss: 'https://idp.example.org',
  sub: 'dr-house',
  aud: 'https://pacs.example.org/dicomweb',
  scope: 'user/ImagingStudy.read user/DocumentReference.read',
  patient: 'PAT-4711^^^&1.2.3.4.5.6&ISO',
  study: ['1.2.3.4.5.6.7.8.2001'],
};

describe.each(['RS256', 'ES256'] as const)('checkBearer with %s tokens', (alg) => {
  let key: SigningKey;
  let other: SigningKey;
  let opts: VerifierOptions;
  const bearer = async (claims: Partial<TokenClaims> = {}, expiresIn = 300, k?: SigningKey) =>
    `Bearer ${await issueToken(k ?? key, { ...CLAIMS, ...claims }, { expiresIn })}`;

  beforeAll(async () => {
    key = (await generateSigningKey(alg)).key;
    other = (await generateSigningKey(alg)).key;
    opts = { keys: createLocalJWKSet(key.jwks), audience: CLAIMS.aud, issuer: CLAIMS.iss };
  });

  test('accepts a valid token for the patient, study and scope asked for', async () => {
    const d = await checkBearer(await bearer(), opts, {
      scopes: ['user/ImagingStudy.read'],
      patient: CLAIMS.patient!,
      study: '1.2.3.4.5.6.7.8.2001',
    });
    expect(d).toMatchObject({ ok: true, claims: { sub: 'dr-house', patient: CLAIMS.patient } });
  });

  test('no Authorization header: 401 with a bare Bearer challenge', async () => {
    expect(await checkBearer(undefined, opts)).toEqual({
      ok: false,
      status: 401,
      reason: 'no Authorization header',
      wwwAuthenticate: 'Bearer realm="mcwg"',
      reqIds: ['SEC-005'],
    });
  });

  test('Basic credentials: 401 invalid_request', async () => {
    expect(await checkBearer('Basic dXNlcjpwYXNz', opts)).toMatchObject({
      status: 401,
      error: 'invalid_request',
      wwwAuthenticate: expect.stringContaining('error="invalid_request"'),
    });
  });

  test.each<[string, () => Promise<string>, RegExp]>([
    ['signed by another key', () => bearer({}, 300, other), /no key in the JWKS|signature/],
    ['expired', () => bearer({}, -120), /token expired/],
    ['for another audience', () => bearer({ aud: 'https://other.example.org' }), /claim aud/],
    ['from another issuer', () => bearer({ iss: 'https://evil.example.org' }), /claim iss/],
    [
      'unsigned (alg none)',
      async () =>
        `Bearer ${new UnsecuredJWT({ sub: 'x' })
          .setAudience(CLAIMS.aud as string)
          .setIssuer(CLAIMS.iss)
          .setExpirationTime('5m')
          .encode()}`,
      /algorithm not allowed|malformed/,
    ],
    ['garbage', async () => 'Bearer abc.def.ghi', /malformed/],
  ])('a token %s: 401 invalid_token with WWW-Authenticate', async (_w, make, why) => {
    const d = await checkBearer(await make(), opts);
    expect(d).toMatchObject({ ok: false, status: 401, error: 'invalid_token', reqIds: ['SEC-005'] });
    if (!d.ok) {
      expect(d.reason).toMatch(why);
      expect(d.wwwAuthenticate).toMatch(/^Bearer realm="mcwg", error="invalid_token", error_description="[^"]+"$/);
    }
  });

  test('a valid token without the scope: 403 insufficient_scope naming the scope', async () => {
    const d = await checkBearer(await bearer({ scope: 'user/Patient.read' }), opts, { scopes: ['user/ImagingStudy.read'] });
    expect(d).toMatchObject({
      ok: false,
      status: 403,
      error: 'insufficient_scope',
      reqIds: ['SEC-006'],
      wwwAuthenticate: expect.stringContaining('scope="user/ImagingStudy.read"'),
    });
  });

  test('a valid token for another patient: 403', async () => {
    expect(await checkBearer(await bearer({ patient: 'PAT-9999' }), opts, { patient: CLAIMS.patient! })).toMatchObject({
      ok: false,
      status: 403,
      reqIds: ['SEC-006'],
    });
  });

  test('a valid token for another study: 403', async () => {
    expect(await checkBearer(await bearer(), opts, { study: '1.2.3.9' })).toMatchObject({
      ok: false,
      status: 403,
      reason: 'token does not grant study 1.2.3.9',
    });
  });
});

describe('loadJwks', () => {
  let server: Server;
  let key: SigningKey;
  beforeAll(async () => {
    key = (await generateSigningKey('ES256')).key;
    server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(key.jwks)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => server.close());

  test('reads a JWKS file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mcwg-jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify(key.jwks));
    const token = await issueToken(key, CLAIMS, { expiresIn: 60 });
    expect(await checkBearer(`Bearer ${token}`, { keys: await loadJwks(file), audience: CLAIMS.aud })).toMatchObject({ ok: true });
  });

  test('fetches a JWKS URL', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const token = await issueToken(key, CLAIMS, { expiresIn: 60 });
    expect(await checkBearer(`Bearer ${token}`, { keys: await loadJwks(url), audience: CLAIMS.aud })).toMatchObject({ ok: true });
  });
});
