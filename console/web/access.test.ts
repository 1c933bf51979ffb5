// Access control of the console: logged-out users go to the login page, every POST needs the
// login's CSRF token, and a vendor can neither see nor change another organisation's system or
// run, by direct URL included (404, so ids reveal nothing).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS } from '../accounts/accounts.ts';
import { consolePostRoutes } from './app.ts';
import { type Browser, type TestConsole, addUser, login, profileYaml, roleRun, startTestConsole } from './console-kit.test-kit.ts';

let c: TestConsole;
let admin: Browser;
let vendorA: Browser;
let vendorB: Browser;
let sessionId: string;
let systemB: string;
let runB: string;

beforeEach(async () => {
  c = await startTestConsole();
  await addUser(c.db, 'admin', 'admin');
  await addUser(c.db, 'alice', 'vendor', 'Acme');
  await addUser(c.db, 'bob', 'vendor', 'Bravo');
  await addUser(c.db, 'mona', 'monitor');
  admin = await login(c.app, 'admin');
  vendorA = await login(c.app, 'alice');
  vendorB = await login(c.app, 'bob');
  const created = await admin.post('/sessions', { name: 'Event', policy: 'suites/policies/mcwg-default.yaml' });
  expect(created.status).toBe(303);
  sessionId = String(created.headers.location).split('/').pop()!;
  const reg = await vendorB.post(`/sessions/${sessionId}/systems`, { profile: profileYaml('Bravo PACS') });
  expect(reg.status).toBe(303);
  systemB = String(reg.headers.location).split('/').pop()!;
  const started = await vendorB.post(`/systems/${systemB}/runs`, { target: 'plan:wado-rs-source' });
  expect(started.status).toBe(303);
  runB = String(started.headers.location).split('/').pop()!;
  const { run } = roleRun('WADO-RS Source', 'Bravo PACS');
  await c.queue.complete(runB, { state: 'failed', summary: 'failed: 1 test', runJson: JSON.stringify(run) });
});

afterEach(async () => {
  await c.close();
});

describe('logged out', () => {
  it('every page redirects to the login page, keeping where the user was going', async () => {
    for (const url of [
      '/',
      `/sessions/${sessionId}`,
      `/systems/${systemB}`,
      `/runs/${runB}`,
      '/worklist',
      '/users',
      `/runs/${runB}/events`,
    ]) {
      const r = await c.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(303);
      expect(r.headers.location, url).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const post = await c.app.inject({
      method: 'POST',
      url: '/sessions',
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/login');
  });

  it('a forged or stale cookie is no login', async () => {
    const r = await c.app.inject({ method: 'GET', url: '/', headers: { cookie: 'mcwg_login=forged' } });
    expect(r.statusCode).toBe(303);
  });

  it('after logout the old cookie no longer works', async () => {
    expect((await vendorA.get('/')).status).toBe(200);
    expect((await vendorA.post('/logout', {})).status).toBe(303);
    expect((await vendorA.get('/')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it("every POST route refuses a request without the token, and one with another login's token", async () => {
    const routes = consolePostRoutes(c.app).filter((r) => r !== '/login');
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const concrete = (r: string) =>
      r
        .replace(':id/tests/:testId', `${runB}/tests/t-x`)
        .replace('/sessions/:id', `/sessions/${sessionId}`)
        .replace('/systems/:id', `/systems/${systemB}`)
        .replace('/runs/:id', `/runs/${runB}`);
    for (const route of routes) {
      const url = concrete(route);
      const none = await vendorB.post(url, { name: 'x', profile: profileYaml('x') }, { csrf: null });
      expect(none.status, `${url} without token`).toBe(403);
      expect(none.body).toContain('CSRF');
      const other = await vendorB.post(url, { name: 'x' }, { csrf: vendorA.csrf });
      expect(other.status, `${url} with another login's token`).toBe(403);
    }
    // Nothing happened: B's run is not stopped, no session was created.
    expect((await c.queue.get(runB))!.stopRequested).toBe(false);
    expect((await admin.get('/')).body.match(/href="\/sessions\//g)?.length).toBe(1);
  });

  it('the login form itself carries a token bound to a cookie', async () => {
    const r = await c.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=alice&password=correct+horse+battery',
    });
    expect(r.statusCode).toBe(403);
    expect(r.headers['set-cookie'] ?? '').not.toContain('mcwg_login=');
  });
});

describe('a vendor and another organisation', () => {
  it('cannot see the other system or its run, by list or by direct URL: 404', async () => {
    const session = await vendorA.get(`/sessions/${sessionId}`);
    expect(session.status).toBe(200);
    expect(session.body).not.toContain('Bravo PACS');
    expect(session.body).not.toContain(systemB);
    for (const url of [
      `/systems/${systemB}`,
      `/runs/${runB}`,
      `/runs/${runB}/events`,
      `/runs/${runB}/files/report.html`,
      `/runs/${runB}/files/junit.xml`,
      `/runs/${runB}/tests/t-WADO-001`,
      `/runs/${runB}/evidence`,
    ]) {
      const r = await vendorA.get(url);
      expect(r.status, url).toBe(404);
      expect(r.body, url).not.toContain('Bravo PACS');
    }
    // The owner sees them (the 404s above are about ownership, not missing pages).
    expect((await vendorB.get(`/systems/${systemB}`)).status).toBe(200);
    expect((await vendorB.get(`/runs/${runB}`)).status).toBe(200);
  });

  it('cannot change the other system, start or stop its runs: 404 and nothing changed', async () => {
    const before = (await vendorB.get(`/systems/${systemB}`)).body;
    expect((await vendorA.post(`/systems/${systemB}`, { profile: profileYaml('Hijacked') })).status).toBe(404);
    expect((await vendorA.post(`/systems/${systemB}/runs`, { target: 'plan:wado-rs-source' })).status).toBe(404);
    expect((await vendorA.post(`/runs/${runB}/stop`, {})).status).toBe(404);
    const after = (await vendorB.get(`/systems/${systemB}`)).body;
    expect(after).not.toContain('Hijacked');
    expect(after.match(/href="\/runs\//g)?.length).toBe(before.match(/href="\/runs\//g)?.length);
    expect(c.queue.runs.size).toBe(1);
    expect((await c.queue.get(runB))!.stopRequested).toBe(false);
  });

  it('registers systems for its own organisation only, whatever the form says', async () => {
    const r = await vendorA.post(`/sessions/${sessionId}/systems`, { profile: profileYaml('Acme Viewer'), organisation: 'Bravo' });
    expect(r.status).toBe(303);
    const id = String(r.headers.location).split('/').pop()!;
    expect((await vendorA.get(`/systems/${id}`)).body).toContain('Acme');
    expect((await vendorB.get(`/systems/${id}`)).status).toBe(404);
  });

  it('has no work list, user admin or session creation', async () => {
    expect((await vendorA.get('/worklist')).status).toBe(403);
    expect((await vendorA.get('/users')).status).toBe(403);
    expect((await vendorA.post('/sessions', { name: 'mine', policy: 'suites/policies/mcwg-default.yaml' })).status).toBe(403);
    expect((await vendorA.post(`/runs/${runB}/tests/t-x/claim`, {})).status).toBe(404);
  });
});

describe('login', () => {
  it(`refuses after ${LOGIN_ATTEMPTS} failures a minute, even the right password`, async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS; i++) await expect(login(c.app, 'alice', 'wrong password!')).rejects.toThrow('401');
    await expect(login(c.app, 'alice')).rejects.toThrow('429');
    // Another user is not affected.
    await expect(login(c.app, 'bob')).resolves.toBeDefined();
  });

  it('sets an HttpOnly SameSite=Strict cookie on / and keeps only its hash', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/login' });
    const pre = String(([] as string[]).concat(page.headers['set-cookie'] as string)[0]).split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const r = await c.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'alice', password: 'correct horse battery', _csrf: csrf }).toString(),
    });
    const set = ([] as string[]).concat(r.headers['set-cookie'] as string).find((s) => s.startsWith('mcwg_login='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
    const token = set.split(';')[0]!.split('=')[1]!;
    const rows = await c.db.all('SELECT token_hash FROM console_logins', []);
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('never redirects elsewhere after login', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/login?next=//evil.example/' });
    expect(page.body).not.toContain('evil.example');
  });
});

describe('pages', () => {
  it('carry a CSP forbidding anything from elsewhere', async () => {
    const r = await vendorA.get('/');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("show a SUT profile's problems at line:column and keep the text", async () => {
    const r = await vendorA.post(`/sessions/${sessionId}/systems`, { profile: 'name: X\nroles: [Not A Role]\n' });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/line 2:\d+: roles\.0/);
    expect(r.body).toContain('Not A Role');
  });
});

describe('runs from the system page', () => {
  it('all plans of a role enqueue one run each with the profile as it was; the owner stops a queued run', async () => {
    const reg = await vendorA.post(`/sessions/${sessionId}/systems`, { profile: profileYaml('Acme Gateway', ['Common Imaging Gateway']) });
    const id = String(reg.headers.location).split('/').pop()!;
    const started = await vendorA.post(`/systems/${id}/runs`, { target: 'role:Common Imaging Gateway' });
    expect(started.status).toBe(303);
    const runs = await c.queue.list({ systemId: id });
    expect(runs.map((r) => r.plan).sort()).toEqual(['common-imaging-gateway', 'wado-rs-source']);
    expect(runs.every((r) => r.profileYaml.includes('Acme Gateway') && r.requestedBy === 'alice' && !r.reference)).toBe(true);
    // A role the profile does not claim, or a plan that does not test its roles: nothing queued.
    expect((await vendorA.post(`/systems/${id}/runs`, { target: 'role:RIS' })).status).toBe(400);
    expect((await vendorA.post(`/systems/${id}/runs`, { target: 'plan:report-source' })).status).toBe(400);
    expect((await c.queue.list({ systemId: id })).length).toBe(2);
    const stop = await vendorA.post(`/runs/${runs[0]!.id}/stop`, {});
    expect(stop.status).toBe(303);
    expect((await c.queue.get(runs[0]!.id))!.state).toBe('stopped');
  });
});
