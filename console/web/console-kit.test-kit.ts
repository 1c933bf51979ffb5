// For the console's tests: an in-memory RunQueue (the pages need only the contract), a console
// on a fresh SQLite database, logins through the real form, and a run model a label decides on.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RunModel, TestResult } from '../../model/run.ts';
import { loadPolicy } from '../../suites/policies/load-policy.ts';
import type { ProgressEvent } from '../../suites/engine/progress.ts';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { Accounts } from '../accounts/accounts.ts';
import { FINAL_STATES, type QueuedRun, type RunEvent, type RunOutcome, type RunQueue, type RunRequest } from '../queue/types.ts';
import { openConsoleDb } from '../store/db.ts';
import { UserRepo, type UserRole } from '../store/users.ts';
import { buildConsole } from './app.ts';

type Stored = QueuedRun & { runJson?: string; outDir?: string };

export class MemoryQueue implements RunQueue {
  readonly runs = new Map<string, Stored>();
  readonly log = new Map<string, RunEvent[]>();
  async enqueue(request: RunRequest): Promise<QueuedRun> {
    const run: Stored = { ...request, id: randomUUID(), state: 'queued', queuedAt: new Date().toISOString(), stopRequested: false };
    this.runs.set(run.id, run);
    return { ...run };
  }
  async claim(workerId: string): Promise<QueuedRun | undefined> {
    const run = [...this.runs.values()].find((r) => r.state === 'queued');
    if (!run) return undefined;
    Object.assign(run, { state: 'running', workerId, startedAt: new Date().toISOString() });
    return { ...run };
  }
  async heartbeat(): Promise<void> {}
  async appendEvent(runId: string, event: ProgressEvent): Promise<void> {
    const list = this.log.get(runId) ?? [];
    list.push({ runId, seq: list.length + 1, at: new Date().toISOString(), event });
    this.log.set(runId, list);
  }
  async events(runId: string, afterSeq: number): Promise<RunEvent[]> {
    return (this.log.get(runId) ?? []).filter((e) => e.seq > afterSeq);
  }
  async finish(runId: string, workerId: string, outcome: RunOutcome): Promise<boolean> {
    const run = this.runs.get(runId);
    if (run?.state !== 'running' || run.workerId !== workerId) return false;
    Object.assign(run, { ...outcome, endedAt: new Date().toISOString() });
    return true;
  }
  async requestStop(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (!run) return;
    run.stopRequested = true;
    if (run.state === 'queued') Object.assign(run, { state: 'stopped', endedAt: new Date().toISOString() });
  }
  async isStopRequested(runId: string): Promise<boolean> {
    return this.runs.get(runId)?.stopRequested ?? false;
  }
  async reapInterrupted(): Promise<string[]> {
    return [];
  }
  async get(runId: string): Promise<Stored | undefined> {
    const r = this.runs.get(runId);
    return r ? { ...r } : undefined;
  }
  async list(filter: { sessionId?: string; systemId?: string; states?: readonly QueuedRun['state'][] }): Promise<QueuedRun[]> {
    return [...this.runs.values()]
      .filter((r) => (filter.sessionId ? r.sessionId === filter.sessionId : true))
      .filter((r) => (filter.systemId ? r.systemId === filter.systemId : true))
      .filter((r) => (filter.states ? filter.states.includes(r.state) : true))
      .map((r) => ({ ...r }));
  }
  /** A worker's whole life in one call: claim this run and finish it with `outcome`. */
  async complete(runId: string, outcome: RunOutcome, events: ProgressEvent[] = []): Promise<void> {
    const run = this.runs.get(runId)!;
    Object.assign(run, { state: 'running', workerId: 'w', startedAt: new Date().toISOString() });
    for (const e of events) await this.appendEvent(runId, e);
    await this.finish(runId, 'w', outcome);
  }
}

export const PASSWORD = 'correct horse battery';

export interface TestConsole {
  app: FastifyInstance;
  db: SqlDriver;
  queue: MemoryQueue;
  close(): Promise<void>;
}

export async function startTestConsole(spec = 'sqlite::memory:'): Promise<TestConsole> {
  const db = await openConsoleDb(spec);
  const queue = new MemoryQueue();
  const app = await buildConsole({ db, queue, pollMs: 20 });
  await app.ready();
  return {
    app,
    db,
    queue,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export async function addUser(db: SqlDriver, name: string, role: UserRole, organisation?: string): Promise<void> {
  await new Accounts(new UserRepo(db)).create({ name, password: PASSWORD, role, ...(organisation ? { organisation } : {}) });
}

export interface Browser {
  cookie: string;
  csrf: string;
  get(url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
  post(
    url: string,
    form: Record<string, string>,
    opts?: { csrf?: string | null },
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }>;
}

export const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (headers: Record<string, unknown>, name: string): string => {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const hit = list.find((c: string) => c.startsWith(`${name}=`));
  return hit ? hit.split(';')[0]! : '';
};

/** Logs in through the login form, like a browser: the prelogin cookie, then the login cookie. */
export async function login(app: FastifyInstance, name: string, password = PASSWORD): Promise<Browser> {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const pre = cookieOf(page.headers, 'mcwg_prelogin');
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ name, password, _csrf: csrfOf(page.body), next: '/' }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login ${name}: ${res.statusCode}`);
  const cookie = cookieOf(res.headers, 'mcwg_login');
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  const b: Browser = {
    cookie,
    csrf: csrfOf(home.body),
    get: async (url) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: r.statusCode, body: r.body, headers: r.headers };
    },
    post: async (url, form, opts = {}) => {
      const token = opts.csrf === undefined ? b.csrf : opts.csrf;
      const r = await app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form, ...(token === null ? {} : { _csrf: token }) }).toString(),
      });
      return { status: r.statusCode, body: r.body, headers: r.headers };
    },
  };
  return b;
}

export const profileYaml = (name: string, roles: string[] = ['WADO-RS Source']): string =>
  `name: ${name}\nroles: [${roles.join(', ')}]\nendpoints:\n  wadoRs: http://127.0.0.1:9/dicom-web\nlocalTestSetup: false\n`;

/**
 * A finished run for `role` of the default policy: one test per required SHALL/SHOULD
 * requirement, all passing except `failing` (one SHALL requirement), so its label is refused.
 */
export function roleRun(role: string, sutName: string): { run: RunModel; failingTest: string } {
  const policy = loadPolicy().policy;
  const rules = policy.roles.find((r) => r.role === role)!;
  const ids = rules.require.filter((r) => r.option === undefined).map((r) => r.id);
  const tests: TestResult[] = ids.map((id, i) => ({
    id: `t-${id}`,
    title: `checks ${id}`,
    actor: role,
    reqIds: [id],
    state: i === 0 ? 'fail' : 'pass',
    durationMs: 1,
    steps: [
      {
        id: `t-${id}.s`,
        title: 'step',
        reqIds: [id],
        state: i === 0 ? 'fail' : 'pass',
        durationMs: 1,
        findings:
          i === 0 ? [{ ruleId: 'r', reqIds: [id], severity: 'error', message: 'wrong', location: { artefact: 'ex-1', path: '/a/b' } }] : [],
        evidence: [],
      },
    ],
    findings: [],
    evidence: [],
  }));
  const run: RunModel = {
    schemaVersion: '1',
    tool: { name: 'mcwg', version: '0' },
    catalogue: { version: '1.1.0' },
    plan: { id: 'wado-rs-source', version: '1', title: 'WADO-RS Source' },
    sut: { name: sutName, roles: [role], profile: { options: [] } },
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:00:01Z',
    durationMs: 1000,
    incomplete: false,
    state: 'fail',
    counts: { pass: tests.length - 1, fail: 1, skip: 0, omit: 0, error: 0, wait: 0 },
    tests,
    requirements: [],
    overrides: [],
    relaxations: [],
  };
  return { run, failingTest: tests[0]!.id };
}

export const FINAL = FINAL_STATES;
