// Testing sessions (one event or one programme campaign) and the systems registered in them.
import type { SqlDriver } from '../../simulators/store/driver.ts';

export interface TestingSession {
  id: string;
  name: string;
  /** Path of the label policy YAML, relative to the package root when it is one of ours. */
  policyFile: string;
  policyId: string;
  policyVersion: string;
  catalogueVersion: string;
  createdBy: string;
  createdAt: string;
}

export interface SystemRecord {
  id: string;
  sessionId: string;
  organisation: string;
  name: string;
  profileYaml: string;
  roles: string[];
  updatedBy: string;
  updatedAt: string;
}

interface SessionRow {
  id: string;
  name: string;
  policy_file: string;
  policy_id: string;
  policy_version: string;
  catalogue_version: string;
  created_by: string;
  created_at: string;
}

interface SystemRow {
  id: string;
  session_id: string;
  organisation: string;
  name: string;
  profile_yaml: string;
  roles: string;
  updated_by: string;
  updated_at: string;
}

const toSession = (r: SessionRow): TestingSession => ({
  id: r.id,
  name: r.name,
  policyFile: r.policy_file,
  policyId: r.policy_id,
  policyVersion: r.policy_version,
  catalogueVersion: r.catalogue_version,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toSystem = (r: SystemRow): SystemRecord => ({
  id: r.id,
  sessionId: r.session_id,
  organisation: r.organisation,
  name: r.name,
  profileYaml: r.profile_yaml,
  roles: JSON.parse(r.roles) as string[],
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

export class SessionRepo {
  constructor(private readonly db: SqlDriver) {}

  async insert(s: TestingSession): Promise<void> {
    await this.db.batch([
      {
        sql: `INSERT INTO console_testing_sessions (id, name, policy_file, policy_id, policy_version, catalogue_version, created_by, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [s.id, s.name, s.policyFile, s.policyId, s.policyVersion, s.catalogueVersion, s.createdBy, s.createdAt],
      },
    ]);
  }

  async get(id: string): Promise<TestingSession | undefined> {
    const [r] = (await this.db.all('SELECT * FROM console_testing_sessions WHERE id = ?', [id])) as unknown as SessionRow[];
    return r ? toSession(r) : undefined;
  }

  async list(): Promise<TestingSession[]> {
    return ((await this.db.all('SELECT * FROM console_testing_sessions ORDER BY created_at DESC, id', [])) as unknown as SessionRow[]).map(
      toSession,
    );
  }

  async insertSystem(s: SystemRecord): Promise<void> {
    await this.db.batch([
      {
        sql: `INSERT INTO console_systems (id, session_id, organisation, name, profile_yaml, roles, updated_by, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [s.id, s.sessionId, s.organisation, s.name, s.profileYaml, JSON.stringify(s.roles), s.updatedBy, s.updatedAt],
      },
    ]);
  }

  async updateSystem(s: Pick<SystemRecord, 'id' | 'name' | 'profileYaml' | 'roles' | 'updatedBy' | 'updatedAt'>): Promise<void> {
    await this.db.batch([
      {
        sql: 'UPDATE console_systems SET name = ?, profile_yaml = ?, roles = ?, updated_by = ?, updated_at = ? WHERE id = ?',
        params: [s.name, s.profileYaml, JSON.stringify(s.roles), s.updatedBy, s.updatedAt, s.id],
        expectChanges: 1,
        onMismatch: `no system ${s.id}`,
      },
    ]);
  }

  async system(id: string): Promise<SystemRecord | undefined> {
    const [r] = (await this.db.all('SELECT * FROM console_systems WHERE id = ?', [id])) as unknown as SystemRow[];
    return r ? toSystem(r) : undefined;
  }

  /** The session's systems; with `organisation`, that organisation's only. */
  async systems(sessionId: string, organisation?: string): Promise<SystemRecord[]> {
    const rows =
      organisation === undefined
        ? await this.db.all('SELECT * FROM console_systems WHERE session_id = ? ORDER BY organisation, name, id', [sessionId])
        : await this.db.all('SELECT * FROM console_systems WHERE session_id = ? AND organisation = ? ORDER BY name, id', [
            sessionId,
            organisation,
          ]);
    return (rows as unknown as SystemRow[]).map(toSystem);
  }
}
