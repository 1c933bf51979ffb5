// Accounts over a real (in-memory SQLite) console database, with a clock the test moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { openConsoleDb } from '../store/db.ts';
import { UserRepo } from '../store/users.ts';
import { AccountError, Accounts, LOGIN_ATTEMPTS, LOGIN_TTL_MS, LOGIN_WINDOW_MS, csrfMatches } from './accounts.ts';

let db: SqlDriver;
let clock: Date;
let accounts: Accounts;
const PW = 'a very long password';

beforeEach(async () => {
  db = await openConsoleDb('sqlite::memory:');
  clock = new Date('2026-06-01T10:00:00Z');
  accounts = new Accounts(new UserRepo(db), () => clock);
  await accounts.create({ name: 'vera', password: PW, role: 'vendor', organisation: 'Acme' });
});
afterEach(() => db.close());

const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('accounts', () => {
  it('a vendor needs an organisation; names are unique; passwords are long enough', async () => {
    await expect(accounts.create({ name: 'x1', password: PW, role: 'vendor' })).rejects.toThrow(AccountError);
    await expect(accounts.create({ name: 'vera', password: PW, role: 'monitor' })).rejects.toThrow('exists');
    await expect(accounts.create({ name: 'x2', password: 'short', role: 'monitor' })).rejects.toThrow('10 characters');
  });

  it('limits failed logins per user per minute, then lets the user in again, and forgets old failures', async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS; i++) expect(await accounts.login('vera', 'wrong')).toEqual({ refused: 'bad-credentials' });
    expect(await accounts.login('vera', PW)).toEqual({ refused: 'rate-limited' });
    later(LOGIN_WINDOW_MS + 1000);
    await accounts.login('nobody', 'x');
    const [row] = await db.all('SELECT COUNT(*) AS n FROM console_login_failures', []);
    expect(Number(row?.n)).toBe(1);
    const ok = await accounts.login('vera', PW);
    expect('token' in ok && ok.user.name).toBe('vera');
  });

  it('a login expires after its lifetime and ends at logout', async () => {
    const a = await accounts.login('vera', PW);
    const b = await accounts.login('vera', PW);
    if (!('token' in a) || !('token' in b)) throw new Error('login refused');
    const login = await accounts.resolve(a.token);
    expect(login?.user.name).toBe('vera');
    expect(login?.csrf).toHaveLength(43);
    expect((await accounts.resolve(b.token))?.csrf).not.toBe(login?.csrf);
    await accounts.logout(b.token);
    expect(await accounts.resolve(b.token)).toBeUndefined();
    later(LOGIN_TTL_MS + 1);
    expect(await accounts.resolve(a.token)).toBeUndefined();
  });

  it('compares CSRF tokens exactly', () => {
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abc', 'abd')).toBe(false);
    expect(csrfMatches('abc', 'ab')).toBe(false);
    expect(csrfMatches('abc', undefined)).toBe(false);
    expect(csrfMatches('abc', ['abc'])).toBe(false);
  });
});
