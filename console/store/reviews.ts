// Monitor reviews: who holds a test of a run (one monitor at a time) and every decision taken
// on it, kept in order so the history shows who decided what, when, over which previous state.
import { UniqueViolation, type SqlDriver } from '../../simulators/store/driver.ts';

export type MonitorDecision = 'verified' | 'partially-verified' | 'failed';
export const MONITOR_DECISIONS: readonly MonitorDecision[] = ['verified', 'partially-verified', 'failed'];

export interface Claim {
  runId: string;
  testId: string;
  monitor: string;
  claimedAt: string;
}

export interface DecisionRecord {
  id: string;
  runId: string;
  testId: string;
  decision: MonitorDecision;
  comment: string;
  overrideReason?: string;
  /** The state before this decision: the automatic verdict ('auto:fail') or the previous decision. */
  previous: string;
  decidedBy: string;
  decidedAt: string;
  seq: number;
}

interface DecisionRow {
  id: string;
  run_id: string;
  test_id: string;
  decision: MonitorDecision;
  comment: string;
  override_reason: string | null;
  previous: string;
  decided_by: string;
  decided_at: string;
  seq: number | string;
}

const toDecision = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  runId: r.run_id,
  testId: r.test_id,
  decision: r.decision,
  comment: r.comment,
  ...(r.override_reason ? { overrideReason: r.override_reason } : {}),
  previous: r.previous,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  seq: Number(r.seq),
});

export class ReviewRepo {
  constructor(private readonly db: SqlDriver) {}

  /** True when this monitor now holds the test (or already did); false when another does. */
  async claim(c: Claim): Promise<boolean> {
    try {
      await this.db.batch([
        {
          sql: 'INSERT INTO console_claims (run_id, test_id, monitor, claimed_at) VALUES (?, ?, ?, ?)',
          params: [c.runId, c.testId, c.monitor, c.claimedAt],
        },
      ]);
      return true;
    } catch (e) {
      if (!(e instanceof UniqueViolation)) throw e;
      const held = await this.claimOf(c.runId, c.testId);
      return held?.monitor === c.monitor;
    }
  }

  async release(runId: string, testId: string, monitor: string): Promise<void> {
    await this.db.batch([
      { sql: 'DELETE FROM console_claims WHERE run_id = ? AND test_id = ? AND monitor = ?', params: [runId, testId, monitor] },
    ]);
  }

  async claimOf(runId: string, testId: string): Promise<Claim | undefined> {
    const [r] = await this.db.all('SELECT * FROM console_claims WHERE run_id = ? AND test_id = ?', [runId, testId]);
    return r
      ? { runId: String(r.run_id), testId: String(r.test_id), monitor: String(r.monitor), claimedAt: String(r.claimed_at) }
      : undefined;
  }

  async claimsOfRun(runId: string): Promise<Claim[]> {
    const rows = await this.db.all('SELECT * FROM console_claims WHERE run_id = ?', [runId]);
    return rows.map((r) => ({
      runId: String(r.run_id),
      testId: String(r.test_id),
      monitor: String(r.monitor),
      claimedAt: String(r.claimed_at),
    }));
  }

  /** Appends a decision; seq orders a test's history. */
  async decide(d: Omit<DecisionRecord, 'seq'>): Promise<DecisionRecord> {
    const [r] = await this.db.all('SELECT COALESCE(MAX(seq), 0) AS n FROM console_decisions WHERE run_id = ? AND test_id = ?', [
      d.runId,
      d.testId,
    ]);
    const seq = Number(r?.n ?? 0) + 1;
    await this.db.batch([
      {
        sql: `INSERT INTO console_decisions (id, run_id, test_id, decision, comment, override_reason, previous, decided_by, decided_at, seq)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [d.id, d.runId, d.testId, d.decision, d.comment, d.overrideReason ?? null, d.previous, d.decidedBy, d.decidedAt, seq],
      },
      // A decided test goes back to the pool: another monitor may review it again later.
      { sql: 'DELETE FROM console_claims WHERE run_id = ? AND test_id = ?', params: [d.runId, d.testId] },
    ]);
    return { ...d, seq };
  }

  /** Every decision of a run, oldest first per test. */
  async decisionsOfRun(runId: string): Promise<DecisionRecord[]> {
    const rows = await this.db.all('SELECT * FROM console_decisions WHERE run_id = ? ORDER BY test_id, seq', [runId]);
    return (rows as unknown as DecisionRow[]).map(toDecision);
  }

  /** The latest decision per test of a run. */
  async latestOfRun(runId: string): Promise<Map<string, DecisionRecord>> {
    const out = new Map<string, DecisionRecord>();
    for (const d of await this.decisionsOfRun(runId)) out.set(d.testId, d);
    return out;
  }
}
