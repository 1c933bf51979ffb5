// Signing keys for test IUA tokens: one private key (PKCS#8 PEM) and the JWKS a resource
// server is given (--auth-jwks). The key ID is the RFC 7638 thumbprint, so it is stable.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JSONWebKeySet } from 'jose';

export type TokenAlg = 'RS256' | 'ES256';
export const TOKEN_ALGS: readonly TokenAlg[] = ['RS256', 'ES256'];

export interface SigningKey {
  alg: TokenAlg;
  kid: string;
  privateKey: CryptoKey;
  jwks: JSONWebKeySet;
}

export const KEY_FILE = 'token-signing.key.pem';
export const JWKS_FILE = 'jwks.json';

export async function generateSigningKey(alg: TokenAlg): Promise<{ key: SigningKey; pkcs8: string }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { key: { alg, kid, privateKey, jwks: { keys: [{ ...jwk, kid, alg, use: 'sig' }] } }, pkcs8: await exportPKCS8(privateKey) };
}

/** The key in DIR, made (and written with its JWKS) when DIR has none. */
export async function loadOrCreateSigningKey(dir: string, alg: TokenAlg): Promise<{ key: SigningKey; created: boolean }> {
  const keyPath = join(dir, KEY_FILE);
  const jwksPath = join(dir, JWKS_FILE);
  if (existsSync(keyPath) && existsSync(jwksPath)) {
    const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as JSONWebKeySet;
    const pub = jwks.keys[0];
    const existing = pub?.alg as TokenAlg | undefined;
    if (!pub?.kid || !existing || !TOKEN_ALGS.includes(existing)) throw new Error(`${jwksPath}: first key has no kid or a bad alg`);
    if (existing !== alg) throw new Error(`${dir} holds an ${existing} key; asked for ${alg} (use another folder)`);
    return { key: { alg, kid: pub.kid, privateKey: await importPKCS8(await readFile(keyPath, 'utf8'), alg), jwks }, created: false };
  }
  const { key, pkcs8 } = await generateSigningKey(alg);
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, pkcs8, { mode: 0o600 });
  await writeFile(jwksPath, JSON.stringify(key.jwks, null, 2) + '\n');
  return { key, created: true };
}
