// `mcwg serve --create-admin`: the first admin of a fresh installation, and the usage errors
// around it; and `--tls-cert/--tls-key`: the console over https with a Secure login cookie.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../console/accounts/accounts.ts';
import { openConsoleDb } from '../../console/store/db.ts';
import { UserRepo } from '../../console/store/users.ts';
import { buildConsole } from '../../console/web/app.ts';
import { MemoryQueue, csrfOf } from '../../console/web/console-kit.test-kit.ts';
import { tlsServerOptions } from '../../simulators/tls/options.ts';
import { runMcwg } from '../test-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mcwg serve --create-admin', () => {
  it('creates an admin in the default SQLite store under --data, once', async () => {
    const pw = join(dir, 'pw');
    writeFileSync(pw, 'a very long password\n');
    const data = join(dir, 'data');
    const r = await runMcwg('serve', '--data', data, '--create-admin', 'alice', '--password-file', pw);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('admin alice created\n');
    const db = await openConsoleDb(`sqlite:${join(data, 'console.sqlite')}`);
    try {
      const found = await new UserRepo(db).byName('alice');
      expect(found?.user.role).toBe('admin');
      expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      await db.close();
    }
    const again = await runMcwg('serve', '--data', data, '--create-admin', 'alice', '--password-file', pw);
    expect(again.code).toBe(2);
    expect(again.err).toContain('user alice exists');
  });

  it('refuses a short password, a missing password file and an unknown store (exit 2)', async () => {
    const short = join(dir, 'short');
    writeFileSync(short, 'short\n');
    expect((await runMcwg('serve', '--data', join(dir, 'd2'), '--create-admin', 'bob', '--password-file', short)).code).toBe(2);
    const missing = await runMcwg('serve', '--data', join(dir, 'd2'), '--create-admin', 'bob', '--password-file', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
    const store = await runMcwg('serve', '--store', 'mysql://x', '--create-admin', 'bob');
    expect(store.code).toBe(2);
    expect(store.err).toContain("unknown store 'mysql://x'");
  });
});

describe('over TLS', () => {
  it('marks the login cookie Secure', async () => {
    const pki = join(dir, 'pki');
    expect((await runMcwg('fixtures', 'pki', pki)).code).toBe(0);
    const tls = tlsServerOptions({ tlsCert: join(pki, 'server.crt.pem'), tlsKey: join(pki, 'server.key.pem') })!;
    const db = await openConsoleDb('sqlite::memory:');
    const app = await buildConsole({ db, queue: new MemoryQueue(), tls });
    try {
      await new Accounts(new UserRepo(db)).create({ name: 'ada', password: 'a very long password', role: 'admin' });
      const page = await app.inject({ method: 'GET', url: '/login' });
      const pre = String(([] as string[]).concat(page.headers['set-cookie'] as string)[0]);
      expect(pre).toMatch(/; Secure/);
      const res = await app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie: pre.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ name: 'ada', password: 'a very long password', _csrf: csrfOf(page.body) }).toString(),
      });
      expect(res.statusCode).toBe(303);
      const login = ([] as string[]).concat(res.headers['set-cookie'] as string).find((c) => c.startsWith('mcwg_login='));
      expect(login).toMatch(/; Secure/);
      expect(login).toMatch(/; HttpOnly/);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
