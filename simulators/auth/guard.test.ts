// requireBearer on a kit simulator (SEC-005, SEC-006, SEC-009): 401 with a Bearer challenge
// without a valid token, 403 for another study or a cross-study search, 200 for the granted
// study; a study the source does not hold keeps its own 404; every refusal is evidence.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startAlone, type MountedSimulator } from '../kit/start.ts';
import { wadoRsSimulator } from '../wado-rs/index.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { dicomWebAccess, requireBearer } from './guard.ts';
import { issueToken } from './issue.ts';
import { generateSigningKey, type SigningKey } from './keys.ts';

const AUD = 'test-wado';
const HELD = '1.2.3.4';
let key: SigningKey;
let sim: MountedSimulator;
const token = (study: string, expiresIn = 600, k = key) =>
  issueToken(k, { iss: 'test', sub: 'u', aud: AUD, study: [study] }, { expiresIn });
const get = (path: string, tok?: string) =>
  fetch(`${sim.base}${path}`, { headers: { accept: 'application/dicom+json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) } });

beforeAll(async () => {
  ({ key } = await generateSigningKey('ES256'));
  const store = await indexFolder(mkdtempSync(join(tmpdir(), 'mcwg-guard-')));
  const plugin = wadoRsSimulator({ store });
  // The empty test store holds no study: `holds` pretends HELD is there so rights are checked.
  sim = await startAlone(
    requireBearer(plugin, {
      verifier: { keys: createLocalJWKSet(key.jwks), audience: AUD },
      access: (req) => dicomWebAccess(req, (s) => s === HELD),
    }),
    {},
  );
});
afterAll(() => sim?.stop());

describe('requireBearer with dicomWebAccess', () => {
  test('no token: 401 with a bare Bearer challenge (SEC-005)', async () => {
    const r = await get(`/studies/${HELD}`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="mcwg"');
  });

  test('an expired token and one signed by another key: 401 invalid_token', async () => {
    const { key: other } = await generateSigningKey('ES256');
    for (const t of [await token(HELD, -600), await token(HELD, 600, other)]) {
      const r = await get(`/studies/${HELD}`, t);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="mcwg", error="invalid_token"/);
    }
  });

  test('a valid token for another study: 403 (SEC-006)', async () => {
    expect((await get(`/studies/${HELD}`, await token('9.9.9'))).status).toBe(403);
  });

  test('the granted study passes the guard; one the source does not hold keeps its 404', async () => {
    // Passing the guard: the (empty) store answers, not the guard.
    expect((await get(`/studies/${HELD}`, await token(HELD))).status).toBe(404);
    expect((await get(`/studies/${HELD}/series/5.6.7`, await token(HELD))).status).not.toBe(403);
    expect((await get('/studies/8.8.8', await token(HELD))).status).toBe(404);
  });

  test('QIDO: a search without one granted StudyInstanceUID is refused (SEC-009), one naming it passes', async () => {
    const t = await token(HELD);
    expect((await get('/studies?PatientID=P1', t)).status).toBe(403);
    expect((await get('/studies?StudyInstanceUID=9.9.9', t)).status).toBe(403);
    expect((await get(`/studies?StudyInstanceUID=${HELD}`, t)).status).toBe(200);
    expect((await get('/studies?PatientID=P1')).status).toBe(401);
  });

  test('refusals are recorded as exchanges with their status', () => {
    const statuses = sim.exchanges().map((e) => e.response?.status);
    expect(statuses).toContain(401);
    expect(statuses).toContain(403);
  });
});
