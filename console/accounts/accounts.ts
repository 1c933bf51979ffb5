// Local accounts: argon2id password hashes, login tokens kept only as their SHA-256, one CSRF
// synchronizer token per login, and a per-user limit on failed logins.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { User, UserRepo, UserRole } from '../store/users.ts';

/** How long a login lasts without logging in again. */
export const LOGIN_TTL_MS = 12 * 60 * 60 * 1000;
/** Failed logins allowed per user in LOGIN_WINDOW_MS before further attempts are refused unchecked. */
export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 60 * 1000;

export class AccountError extends Error {
  override name = 'AccountError';
}

const USER_NAME = /^[A-Za-z0-9._@-]{2,64}$/;

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export class Accounts {
  constructor(
    private readonly users: UserRepo,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(opts: { name: string; password: string; role: UserRole; organisation?: string }): Promise<User> {
    if (!USER_NAME.test(opts.name)) throw new AccountError('a user name is 2-64 letters, digits or . _ @ -');
    if (opts.password.length < 10) throw new AccountError('a password has at least 10 characters');
    if (opts.role === 'vendor' && !opts.organisation?.trim()) throw new AccountError('a vendor belongs to an organisation');
    if (await this.users.byName(opts.name)) throw new AccountError(`user ${opts.name} exists`);
    const user: User = {
      id: randomUUID(),
      name: opts.name,
      role: opts.role,
      ...(opts.role === 'vendor' ? { organisation: opts.organisation!.trim() } : {}),
      createdAt: this.now().toISOString(),
    };
    await this.users.insert(user, await hash(opts.password));
    return user;
  }

  /**
   * A new login for name/password, or why not. After LOGIN_ATTEMPTS failures within a minute the
   * password is not even checked: guessing is slowed per account, whoever asks.
   */
  async login(name: string, password: string): Promise<{ token: string; user: User } | { refused: 'rate-limited' | 'bad-credentials' }> {
    const now = this.now();
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
    if ((await this.users.failuresSince(name, since)) >= LOGIN_ATTEMPTS) return { refused: 'rate-limited' };
    const found = await this.users.byName(name);
    // An unknown name costs a hash too, so timing does not tell which names exist.
    let ok = false;
    if (found) ok = await verify(found.passwordHash, password).catch(() => false);
    else await hash(password);
    if (!found || !ok) {
      await this.users.addFailure(name, now.toISOString());
      return { refused: 'bad-credentials' };
    }
    await this.users.clearFailures(name);
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await this.users.removeExpiredLogins(now.toISOString());
    await this.users.addLogin(tokenHash(token), found.user.id, csrf, new Date(now.getTime() + LOGIN_TTL_MS).toISOString());
    return { token, user: found.user };
  }

  /** The user and CSRF token of a login cookie, when it is valid and not expired. */
  async resolve(token: string | undefined): Promise<{ user: User; csrf: string } | undefined> {
    if (!token) return undefined;
    return this.users.login(tokenHash(token), this.now().toISOString());
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.users.removeLogin(tokenHash(token));
  }
}

/** Constant-time comparison of the CSRF token a form sent with the login's. */
export function csrfMatches(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(sent, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
