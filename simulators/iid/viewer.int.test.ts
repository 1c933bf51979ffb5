// The Image Display page in a real browser (Debian's Chromium through Playwright): an anonymous
// visit gets the login-required page and no image; with a token the page shows the study,
// every thumbnail loads from the same origin, and there is no console error and no external request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, openPage } from '../../fixtures/browser.ts';
import { IID_STUDY, iidStudyMetadata } from '../../fixtures/builders/iid-study.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { invokeImageDisplay, type ImageDisplayOptions } from './core.ts';

// A 1x1 grey PNG stands in for the source's /rendered answer.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const OPTIONS: ImageDisplayOptions = {
  authenticate: (h) =>
    h['authorization'] === 'Bearer viewer-token'
      ? { ok: true, user: 'dr.who' }
      : { ok: false, status: 401, reason: 'Sign in to see images.' },
  metadata: async (uid) => (uid === IID_STUDY ? iidStudyMetadata() : undefined),
  wadoBase: '/dicom-web',
};

describe.skipIf(!peerAvailable(CHROMIUM))('IID viewer page in Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  let requests: string[];
  const rendered: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/dicom-web/') && url.pathname.endsWith('/rendered')) {
        rendered.push(url.pathname);
        res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
        return;
      }
      invokeImageDisplay(
        { path: url.pathname, query: url.searchParams, headers: req.headers as Record<string, string | undefined> },
        OPTIONS,
      ).then(
        (r) => res.writeHead(r.status, r.headers).end(r.body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser, page, consoleErrors, requests } = await openPage(
      `${origin}/iid/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${IID_STUDY}`,
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  test('without a token: the sign-in page, no image, nothing about the study', async () => {
    expect(await page.locator('h1').textContent()).toBe('401 Authentication required');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.content()).not.toContain(IID_STUDY);
    expect(rendered).toEqual([]);
  });

  test('with a token: the study with every thumbnail loaded, no console error, no external request', async () => {
    consoleErrors.length = 0;
    requests.length = 0;
    await page.setExtraHTTPHeaders({ authorization: 'Bearer viewer-token' });
    await page.goto(`${origin}/iid/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${IID_STUDY}`, { waitUntil: 'load' });
    expect(await page.locator('.study-uid').textContent()).toBe(IID_STUDY);
    expect(await page.locator('.patient').textContent()).toBe('DOE JANE (PAT-0001)');
    expect(await page.locator('section.series').count()).toBe(2);
    const sizes = await page
      .locator('img')
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth));
    expect(sizes).toEqual([1, 1, 1]);
    expect(rendered.length).toBe(3);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`))).toEqual([]);
  });

  test('an unknown study: an error page, not an empty viewer', async () => {
    const resp = await page.goto(`${origin}/iid/IHEInvokeImageDisplay?requestType=STUDY&studyUID=1.2.3.4`, { waitUntil: 'load' });
    expect(resp?.status()).toBe(404);
    expect(await page.getByRole('alert').locator('h1').textContent()).toBe('404 Study not found');
    expect(await page.locator('img').count()).toBe(0);
  });
});
