// index.html of a multi-plan run in Debian's Chromium: no console error, no request but the
// file itself, no sideways scroll at 1280 px, and its link opens the plan's report.html.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, openPage } from '../fixtures/browser.ts';
import { peerAvailable } from '../fixtures/peers.ts';
import { renderHtml } from './html.ts';
import { renderRunIndex } from './run-index.ts';
import { sampleRun } from './sample-run.ts';

const SHOTS = join(process.cwd(), 'test-results', 'reports');

describe.skipIf(!peerAvailable(CHROMIUM))('index.html in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-index-'));
  const url = pathToFileURL(join(dir, 'index.html')).href;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];
  let requests: string[] = [];

  beforeAll(async () => {
    const run = sampleRun();
    mkdirSync(join(dir, 'xdsi-source'));
    writeFileSync(join(dir, 'xdsi-source', 'report.html'), renderHtml(run));
    const long = `not run (needs ${'a-very-long-peer-name-'.repeat(12)}: bash scripts/install-peers.sh)`;
    writeFileSync(
      join(dir, 'index.html'),
      renderRunIndex(
        [
          { planId: 'xdsi-source', href: 'xdsi-source/report.html', run },
          { planId: 'report-source', note: long, state: 'skip' },
        ],
        { tool: 'mcwg-conformance 0.1.0', startedAt: run.startedAt },
      ),
    );
    ({ browser, page, consoleErrors, requests } = await openPage(url));
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads with no console error, no request but itself, and no sideways scroll', async () => {
    expect(await page.locator('tr.plan').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'index.png'), fullPage: true });
  });

  test("opens the plan's report from its link", async () => {
    await page.click('a[href="xdsi-source/report.html"]');
    await page.waitForURL(/xdsi-source\/report\.html$/);
    expect(await page.locator('#summary').isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
