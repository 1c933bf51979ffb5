// The report.html of a reference-SUT run in Debian's Chromium (Playwright, never a downloaded
// browser): a broken variant's run, filtered to failures, a finding's evidence expanded, a
// screenshot; no console error and no request but the file itself.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, openPage } from '../../../../fixtures/browser.ts';
import type { RunModel } from '../../../../model/run.ts';
import { runCommand } from '../../../../cli/commands/run.ts';
import { peerAvailable } from '../../../../fixtures/peers.ts';
import { PLAN_LOADERS } from '../../index.ts';
import { DEFECTS } from './defects.ts';
import { startReferenceSut } from './index.ts';

const DEFECT = 'wado-drops-instance';

describe.skipIf(!peerAvailable(CHROMIUM))('report.html of a reference-SUT run in Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'mcwg-ref-html-'));
  const url = pathToFileURL(join(out, 'report.html')).href;
  let consoleErrors: string[] = [];
  let requests: string[] = [];
  let browser: Browser;
  let page: Page;
  let run: RunModel;

  beforeAll(async () => {
    const io = { isTty: false, debug: false, out: () => undefined, err: () => undefined };
    const reference = {
      planId: 'imaging-document-source',
      start: ({ dataDir }: { dataDir: string }) => startReferenceSut({ dataDir, defect: DEFECT }),
    };
    expect(await runCommand(undefined, { out, concurrency: '4', reference: true }, io, { plans: PLAN_LOADERS, reference })).toBe(1);
    run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel;
    ({ browser, page, consoleErrors, requests } = await openPage(url));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  test('filters to the failing test and the requirements the defect breaks', async () => {
    await expect.poll(() => page.locator('#shown').textContent()).toBe(`${run.tests.length} of ${run.tests.length} tests shown`);
    await page.click('button[data-state="fail"]');
    const failing = page.locator('tbody.test:visible');
    expect(await failing.count()).toBe(1);
    expect(await failing.first().getAttribute('data-state')).toBe('fail');
    expect(await failing.first().textContent()).toContain('ids.wado-rs');
    expect(await page.locator('tr.requirement:visible td:first-child').allTextContents()).toEqual(DEFECTS[DEFECT].fails);
  });

  test("expands a failing finding's evidence and takes a screenshot", async () => {
    const evidence = page.locator('tbody.test:visible details.finding-evidence').first();
    const id = evidence.locator('.evidence-id').first();
    expect(await id.isVisible()).toBe(false);
    await evidence.locator('summary').click();
    expect(await id.isVisible()).toBe(true);
    const cited = run.tests
      .find((t) => t.id === 'ids.wado-rs')!
      .findings.filter((f) => f.severity === 'error')
      .flatMap((f) => f.evidence ?? []);
    expect(cited).toContain(await id.textContent());
    const shot = join(tmpdir(), `mcwg-reference-report-${process.pid}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(1000);
    if (!process.env.MCWG_KEEP_SCREENSHOT) rmSync(shot);
  });

  test('logs no console error and requests nothing but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
  });
});
