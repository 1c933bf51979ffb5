// The console's whole flow in Debian's Chromium: the admin creates a testing session, a vendor
// registers a system (a bad profile first: its error shown at line:column) and starts a run
// against the built-in reference SUT, follows it live, reads its report and evidence; a monitor
// claims and verifies a test and the label decision appears. Every page is screenshotted under
// test-results/console/<backend>/; no console error and no request leaves the console's origin.
// On SQLite always, and on PostgreSQL where scripts/pg-temp-cluster.sh can start one.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { planExecutor } from '../../cli/commands/worker-execute.ts';
import { CHROMIUM, type OpenedPage, openPage } from '../../fixtures/browser.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { PG_INITDB, type TempCluster, startTempCluster } from '../../simulators/store/pg-cluster.ts';
import { Accounts } from '../accounts/accounts.ts';
import { sqlRunQueue } from '../queue/sql-queue.ts';
import { openConsoleDb } from '../store/db.ts';
import { UserRepo } from '../store/users.ts';
import { type InProcessWorkers, startInProcessWorkers } from '../worker/index.ts';
import { buildConsole } from './app.ts';

const PASSWORD = 'a long enough password';
const BAD_PROFILE = 'name: Acme RIS\nroles: [Radiology Information System]\n';
const PROFILE = 'name: Acme RIS 4.2\nroles: [RIS]\nendpoints:\n  ris: mllp://127.0.0.1:2575\n';

const backends = [
  { name: 'sqlite', available: true },
  { name: 'postgres', available: existsSync(PG_INITDB) },
];

for (const backend of backends) {
  describe.skipIf(!peerAvailable(CHROMIUM) || !backend.available)(`event console in Chromium on ${backend.name}`, () => {
    const shots = join(process.cwd(), 'test-results', 'console', backend.name);
    let dir: string;
    let cluster: TempCluster | undefined;
    let db: SqlDriver;
    let workers: InProcessWorkers;
    let app: Awaited<ReturnType<typeof buildConsole>>;
    let base: string;
    let opened: OpenedPage;
    let page: Page;
    let n = 0;
    const shot = async (name: string) => {
      n += 1;
      await page.screenshot({ path: join(shots, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
    };
    const logIn = async (name: string) => {
      await page.goto(`${base}/login`);
      await page.fill('input[name=name]', name);
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/`);
    };
    const logOut = async () => {
      await page.click('header form button');
      await page.waitForURL(/\/login$/);
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'console-flow-'));
      rmSync(shots, { recursive: true, force: true });
      mkdirSync(shots, { recursive: true });
      if (backend.name === 'postgres') cluster = startTempCluster();
      db = await openConsoleDb(cluster ? cluster.url : `sqlite:${join(dir, 'console.sqlite')}`);
      const accounts = new Accounts(new UserRepo(db));
      await accounts.create({ name: 'ada', password: PASSWORD, role: 'admin' });
      await accounts.create({ name: 'vera', password: PASSWORD, role: 'vendor', organisation: 'Acme' });
      await accounts.create({ name: 'mo', password: PASSWORD, role: 'monitor' });
      const queue = sqlRunQueue(db);
      app = await buildConsole({ db, queue, pollMs: 200 });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      workers = startInProcessWorkers(queue, 1, planExecutor({ dataDir: dir }), { pollMs: 200 });
      opened = await openPage(`${base}/login`);
      page = opened.page;
    }, 120_000);

    afterAll(async () => {
      await opened?.browser.close();
      await workers?.stop();
      await app?.close();
      await db?.close();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    test('admin creates a session; a vendor registers a system and runs it; a monitor verifies; the label shows', async () => {
      // The admin: a testing session with the toolkit's policy.
      await shot('login');
      await logIn('ada');
      await page.fill('input[name=name]', 'Projectathon 2027');
      await shot('admin-home');
      await page.click('form[action="/sessions"] button[type=submit]');
      await page.waitForURL(/\/sessions\/[0-9a-f-]+$/);
      const sessionUrl = page.url();
      await expect.poll(() => page.textContent('h1')).toBe('Projectathon 2027');
      await shot('session-admin');
      await logOut();

      // The vendor: a profile with an unknown role is refused at its line, then a good one is registered.
      await logIn('vera');
      await page.goto(sessionUrl);
      await page.fill('#profile', BAD_PROFILE);
      const before = opened.consoleErrors.length;
      await page.click('form[action$="/systems"] button[type=submit]');
      await expect.poll(() => page.textContent('.problems')).toMatch(/line 2:\d+: roles\.0/);
      // The refused form comes back with HTTP 400, which Chromium logs; that one line is expected, and only it.
      expect(opened.consoleErrors.splice(before)).toEqual([expect.stringContaining('status of 400')]);
      await shot('profile-error');
      await page.fill('#profile', PROFILE);
      await page.click('form[action$="/systems"] button[type=submit]');
      await page.waitForURL(/\/systems\/[0-9a-f-]+$/);
      await expect.poll(() => page.textContent('h1')).toBe('Acme RIS 4.2');
      await shot('system');

      // A run of the RIS plan against the reference SUT, followed live until it ends.
      await page.selectOption('select[name=target]', 'plan:report-source');
      await page.check('input[name=reference]');
      await page.click('form[action$="/runs"] button[type=submit]');
      await page.waitForURL(/\/runs\/[0-9a-f-]+$/);
      const runUrl = page.url();
      await shot('run-live');
      await page.waitForSelector('#run-state.run-passed', { timeout: 180_000 });
      await page.waitForSelector('text=Label decision per role', { timeout: 30_000 });
      expect(await page.locator('#progress-tests li').count()).toBeGreaterThan(0);
      await shot('run-finished');
      await page.click('a:has-text("report.html")');
      await page.waitForSelector('h1');
      await shot('report');
      await page.goto(`${runUrl}/evidence`);
      await expect.poll(() => page.textContent('.verify')).toContain('evidence verify');
      await shot('evidence');
      await page.click('tbody a >> nth=0');
      await page.waitForSelector('section.side');
      await shot('exchange');
      await logOut();

      // The monitor: the work list, a claim, a verification with a comment, the history.
      await logIn('mo');
      await page.click('nav a:has-text("Work list")');
      await page.waitForURL(`${base}/worklist`);
      await shot('worklist');
      await page.click('tbody a[href*="/tests/"] >> nth=0');
      await page.click('button:has-text("Claim this test")');
      await page.check('input[value=verified]');
      await page.fill('textarea[name=comment]', 'Report content checked against the order by hand.');
      await shot('review');
      await page.click('button:has-text("Record decision")');
      await expect.poll(() => page.textContent('#current-decision')).toContain('verified by mo');
      await shot('decided');

      // The label decision, recomputed with the decision, on the run and on the session.
      await page.goto(runUrl);
      await expect.poll(() => page.textContent('.labels')).toContain('RIS');
      expect(await page.locator('.labels .outcome').count()).toBeGreaterThan(0);
      await shot('run-reviewed');
      await page.goto(sessionUrl);
      await expect.poll(() => page.locator('td .outcome').count()).toBeGreaterThan(0);
      await shot('session-labels');

      expect(opened.consoleErrors).toEqual([]);
      const foreign = opened.requests.filter((u) => !u.startsWith(`${base}/`));
      expect(foreign).toEqual([]);
    }, 300_000);
  });
}
