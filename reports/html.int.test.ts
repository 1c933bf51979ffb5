// report.html in a real browser: Debian's Chromium through Playwright (never a downloaded
// browser). No console errors, no request but the file itself, working filters, and the
// hostile text in the sample run stays inert.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, openPage } from '../fixtures/browser.ts';
import { peerAvailable } from '../fixtures/peers.ts';
import { renderHtml } from './html.ts';
import { sampleRun } from './sample-run.ts';

/** Screenshots a reader checks by eye; test-results/ is git-ignored. */
const SHOTS = join(process.cwd(), 'test-results', 'reports');

describe.skipIf(!peerAvailable(CHROMIUM))('report.html in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-html-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const run = sampleRun();
    run.tests[1]!.actor = '</script><script>window.__pwned=3</script>';
    writeFileSync(file, renderHtml(run));
    ({ browser, page, consoleErrors, requests } = await openPage(url));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const visibleTests = () => page.locator('tbody.test:visible');

  test('loads with no console error and no request but the file itself', async () => {
    await expect.poll(() => page.locator('#shown').textContent()).toBe('6 of 6 tests shown');
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  test('shows only failures after clicking the fail filter, and all again after "all"', async () => {
    await page.click('button[data-state="fail"]');
    expect(await visibleTests().count()).toBe(1);
    expect(await visibleTests().first().getAttribute('data-state')).toBe('fail');
    expect(await page.locator('tr.requirement:visible td:first-child').allTextContents()).toEqual(['KOS-014', 'KOS-022']);
    await page.click('button[data-state=""]');
    expect(await visibleTests().count()).toBe(6);
  });

  test('filters by actor and by requirement ID', async () => {
    await page.selectOption('#filter-actor', 'Imaging Document Consumer');
    expect(await visibleTests().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).toEqual(['skip', 'omit']);
    await page.selectOption('#filter-actor', '');
    await page.selectOption('#filter-req', 'XDS-001');
    expect(await visibleTests().count()).toBe(1);
    expect(await page.locator('tr.requirement:visible').count()).toBe(1);
    await page.selectOption('#filter-req', '');
  });

  test("expands a finding's evidence and takes a screenshot", async () => {
    const evidence = page.locator('details.finding-evidence').first();
    const id = evidence.locator('.evidence-id');
    expect(await id.isVisible()).toBe(false);
    await evidence.locator('summary').click();
    expect(await id.isVisible()).toBe(true);
    expect(await id.textContent()).toBe('ex-0002');
    mkdirSync(SHOTS, { recursive: true });
    const shot = join(SHOTS, 'report-sample.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(1000);
  });

  test('runs none of the injected markup', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('td .msg').filter({ hasText: '<script>window.__pwned=1</script>' }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });
});

describe.skipIf(!peerAvailable(CHROMIUM))('report.html with long paths at 1280 px', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-html-wide-'));
  const file = join(dir, 'report.html');
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    const run = sampleRun();
    const xpath = `/soap:Envelope/soap:Body/lcm:SubmitObjectsRequest/rim:RegistryObjectList/${"rim:ExtrinsicObject[@id='urn:uuid:7d9b1c2e-0000-4000-8000-000000000000']/".repeat(6)}rim:Slot[@name='creationTime']/rim:ValueList/rim:Value`;
    const url = `http://127.0.0.1:8080/dicom-web/studies/${'1.2.840.113619.2.55.3.604688119.969.1268071029.320'.repeat(4)}/series?includefield=all&${'x'.repeat(300)}`;
    const failed = run.tests[1]!;
    failed.findings[0]!.location = { artefact: url, path: xpath };
    failed.findings[0]!.message = `Retrieve URL ${url} is not a WADO-RS base`;
    failed.steps[0]!.message = `GET ${url} answered 404`;
    failed.id = `kos.${'retrieve-url-'.repeat(20)}series`;
    const body = {
      line: `GET ${url}`,
      contentType: 'application/soap+xml',
      size: 9000,
      text: `<x>${xpath}${url}</x>\n`.repeat(3),
      more: 4000,
    };
    const excerpts = {
      'ex-0002': {
        id: 'ex-0002',
        transaction: 'RAD-69',
        from: 'sut',
        to: url,
        error: null,
        request: body,
        response: { ...body, line: 'HTTP 404' },
      },
    };
    writeFileSync(file, renderHtml(run, excerpts));
    ({ browser, page, consoleErrors } = await openPage(pathToFileURL(file).href));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('wraps long XPaths, URLs and bodies: the page never scrolls sideways', async () => {
    await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(await page.locator('pre.body').first().isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'report-long-paths.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS, 'report-first-screen.png') });
  });
});
