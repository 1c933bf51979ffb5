// Benchmarks print ours, the peer's and the ratio from one run, so a figure means something
// on a noisy machine. Each bench/*.bench.ts default-exports a Bench.
export interface BenchRow {
  name: string;
  /** Our figure. */
  ours: number;
  /** The peer's figure on the same input in the same run; null when there is no peer. */
  peer: number | null;
  peerName?: string;
  unit: string;
  /** 'higher' when more is better (throughput), 'lower' for times. */
  better: 'higher' | 'lower';
  /** A target from the issue, in the same unit, when one is set. */
  target?: number;
  note?: string;
  /** 1-minute load average when the figure was taken; above 1 on this 2-core class of machine it is not a result. */
  loadAverage?: number;
}

/** Above this 1-minute load average a figure shows direction only (DESIGN.md: quiet machine). */
export const QUIET_LOAD = 1;

export interface Bench {
  name: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

/** How many times better ours is than the peer (> 1 means ours wins). */
export function advantage(row: BenchRow): number | null {
  if (row.peer === null || row.peer === 0 || row.ours === 0) return null;
  return row.better === 'higher' ? row.ours / row.peer : row.peer / row.ours;
}

export function formatRow(row: BenchRow): string {
  const adv = advantage(row);
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
  const parts = [`${row.name}: ours ${fmt(row.ours)} ${row.unit}`];
  if (row.peer !== null) parts.push(`${row.peerName ?? 'peer'} ${fmt(row.peer)} ${row.unit}`);
  // Say who leads: a ratio below 1 'in our favour' read as a win where the peer was faster.
  if (adv !== null) parts.push(adv >= 1 ? `ratio ${adv.toFixed(2)}x in our favour` : `ratio ${(1 / adv).toFixed(2)}x in the peer's favour`);
  if (row.target !== undefined) {
    const met = row.better === 'higher' ? row.ours >= row.target : row.ours <= row.target;
    parts.push(`target ${row.better === 'higher' ? '>=' : '<='} ${fmt(row.target)} ${row.unit}: ${met ? 'met' : 'NOT met'}`);
  }
  if (row.note) parts.push(row.note);
  if (row.loadAverage !== undefined) {
    parts.push(
      `load ${row.loadAverage.toFixed(2)}${row.loadAverage > QUIET_LOAD ? ': NOT A RESULT (load average above 1, direction only)' : ''}`,
    );
  }
  return parts.join(' | ');
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
