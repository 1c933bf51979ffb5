// The Image Display kit simulator mounted on one port with our WADO-RS source, opened in Debian's
// Chromium through Playwright: without a token the sign-in page and nothing about the study
// (IID-006); with an IUA token of the trusted issuer the page shows the study read from the
// source by WADO-RS (IID-003); a token of another issuer is refused too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, openPage } from '../../fixtures/browser.ts';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { generateSigningKey, issueToken, type SigningKey } from '../auth/index.ts';
import { startSimulators, type RunningSimulators } from '../kit/start.ts';
import { wadoRsSimulator } from '../wado-rs/index.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { bearerAuthentication, imageDisplaySimulator } from './server.ts';

const ISS = 'https://idp.mcwg.test';
const AUD = 'mcwg-iid';

describe.skipIf(!peerAvailable(CHROMIUM))('Image Display simulator in Chromium (IID over our WADO-RS source, one port)', () => {
  let dir: string;
  let study: StudyJson;
  let running: RunningSimulators;
  let key: SigningKey;
  let browser: Browser;
  let page: Page;
  let viewUrl: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcwg-iid-sim-'));
    study = (await buildStudy(dir, { instances: 3, series: 2, rows: 8, columns: 8, seed: 'iid-sim' })).study;
    key = (await generateSigningKey('ES256')).key;
    // The source is our WADO-RS simulator on the same server: thumbnails are same-origin.
    const iid = imageDisplaySimulator({
      source: '/dicom-web',
      authenticate: bearerAuthentication({ keys: createLocalJWKSet(key.jwks), audience: AUD, issuer: ISS }),
    });
    running = await startSimulators({ plugins: [wadoRsSimulator({ store: await indexFolder(dir) }), iid] });
    viewUrl = `${running.simulators.iid!.base}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUid}`;
    ({ browser, page } = await openPage(viewUrl));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('without a token: 401 sign-in page, nothing about the study', async () => {
    expect(await page.locator('h1').textContent()).toBe('401 Authentication required');
    expect(await page.content()).not.toContain(study.studyInstanceUid);
  });

  test('with a token of another issuer: still refused', async () => {
    const other = (await generateSigningKey('ES256')).key;
    await page.setExtraHTTPHeaders({
      authorization: `Bearer ${await issueToken(other, { iss: ISS, sub: 'mallory', aud: AUD }, { expiresIn: 300 })}`,
    });
    const resp = await page.goto(viewUrl, { waitUntil: 'load' });
    expect(resp?.status()).toBe(401);
    expect(await page.content()).not.toContain(study.studyInstanceUid);
  });

  test('with a valid token: the study from the source, every series listed', async () => {
    await page.setExtraHTTPHeaders({
      authorization: `Bearer ${await issueToken(key, { iss: ISS, sub: 'dr.who', aud: AUD }, { expiresIn: 300 })}`,
    });
    const resp = await page.goto(viewUrl, { waitUntil: 'load' });
    expect(resp?.status()).toBe(200);
    expect(await page.locator('.study-uid').textContent()).toBe(study.studyInstanceUid);
    expect(await page.locator('section.series').count()).toBe(study.series.length);
    expect(running.simulators.iid!.exchanges().map((e) => e.response?.status)).toEqual([401, 401, 200]);
    expect(running.simulators['wado-rs']!.exchanges().some((e) => e.transaction === 'WADO-RS metadata')).toBe(true);
  });
});
