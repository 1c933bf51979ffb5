// Users and login sessions of the web console, on either backend through the SqlDriver.
import type { SqlDriver } from '../../simulators/store/driver.ts';

export type UserRole = 'admin' | 'monitor' | 'vendor';
export const USER_ROLES: readonly UserRole[] = ['admin', 'monitor', 'vendor'];

export interface User {
  id: string;
  name: string;
  role: UserRole;
  /** A vendor's organisation: it sees that organisation's systems and runs only. */
  organisation?: string;
  createdAt: string;
}

interface UserRow {
  id: string;
  name: string;
  role: UserRole;
  organisation: string | null;
  created_at: string;
  password_hash: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  ...(r.organisation ? { organisation: r.organisation } : {}),
  createdAt: r.created_at,
});

export class UserRepo {
  constructor(private readonly db: SqlDriver) {}

  async insert(user: User, passwordHash: string): Promise<void> {
    await this.db.batch([
      {
        sql: 'INSERT INTO console_users (id, name, password_hash, role, organisation, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        params: [user.id, user.name, passwordHash, user.role, user.organisation ?? null, user.createdAt],
      },
    ]);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.batch([{ sql: 'UPDATE console_users SET password_hash = ? WHERE id = ?', params: [passwordHash, userId] }]);
  }

  async byName(name: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const [r] = (await this.db.all('SELECT * FROM console_users WHERE name = ?', [name])) as unknown as UserRow[];
    return r ? { user: toUser(r), passwordHash: r.password_hash } : undefined;
  }

  async byId(id: string): Promise<User | undefined> {
    const [r] = (await this.db.all('SELECT * FROM console_users WHERE id = ?', [id])) as unknown as UserRow[];
    return r ? toUser(r) : undefined;
  }

  async list(): Promise<User[]> {
    return ((await this.db.all('SELECT * FROM console_users ORDER BY name', [])) as unknown as UserRow[]).map(toUser);
  }

  async count(): Promise<number> {
    const [r] = await this.db.all('SELECT COUNT(*) AS n FROM console_users', []);
    return Number(r?.n ?? 0);
  }

  // Login sessions -------------------------------------------------------------------------

  async addLogin(tokenHash: string, userId: string, csrf: string, expiresAt: string): Promise<void> {
    await this.db.batch([
      {
        sql: 'INSERT INTO console_logins (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)',
        params: [tokenHash, userId, csrf, expiresAt],
      },
    ]);
  }

  async login(tokenHash: string, now: string): Promise<{ user: User; csrf: string } | undefined> {
    const [r] = (await this.db.all(
      `SELECT u.*, l.csrf AS csrf FROM console_logins l JOIN console_users u ON u.id = l.user_id
       WHERE l.token_hash = ? AND l.expires_at > ?`,
      [tokenHash, now],
    )) as unknown as (UserRow & { csrf: string })[];
    return r ? { user: toUser(r), csrf: r.csrf } : undefined;
  }

  async removeLogin(tokenHash: string): Promise<void> {
    await this.db.batch([{ sql: 'DELETE FROM console_logins WHERE token_hash = ?', params: [tokenHash] }]);
  }

  async removeExpiredLogins(now: string): Promise<void> {
    await this.db.batch([{ sql: 'DELETE FROM console_logins WHERE expires_at <= ?', params: [now] }]);
  }

  // Failed logins, for the per-user rate limit (in the database: several serve processes share it).

  async addFailure(userName: string, at: string): Promise<void> {
    await this.db.batch([{ sql: 'INSERT INTO console_login_failures (user_name, at) VALUES (?, ?)', params: [userName, at] }]);
  }

  async failuresSince(userName: string, since: string): Promise<number> {
    const [r] = await this.db.all('SELECT COUNT(*) AS n FROM console_login_failures WHERE user_name = ? AND at > ?', [userName, since]);
    return Number(r?.n ?? 0);
  }

  async clearFailures(userName: string): Promise<void> {
    await this.db.batch([{ sql: 'DELETE FROM console_login_failures WHERE user_name = ?', params: [userName] }]);
  }
}
