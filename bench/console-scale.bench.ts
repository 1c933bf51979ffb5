// Event console scale-out: N systems (60 by default, MCWG_SCALE_SYSTEMS to change) with all
// plans of their roles queued as reference runs on one PostgreSQL, drained by 1 and by 3
// `mcwg worker` processes (MCWG_SCALE_WORKERS="1,3"). Prints wall time, runs/minute, the
// largest peak RSS of a worker, and checks that no run was lost or doubled: every run ends in
// a final state, started exactly once (the workers' logs) with one run-start event.
// PostgreSQL: a throwaway cluster (scripts/pg-temp-cluster.sh), or MCWG_SCALE_PG=postgres://…
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sqlRunQueue } from '../console/queue/sql-queue.ts';
import { FINAL_STATES, type RunRequest } from '../console/queue/types.ts';
import { openConsoleDb } from '../console/store/db.ts';
import { startTempCluster } from '../simulators/store/pg-cluster.ts';
import { type ChildStats, runMeasured } from './child-stats.ts';
import type { Bench, BenchRow } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The systems of a 60-system projectathon, by what they are, with the plans of their roles.
 * Weights are out of 60: PACS and viewers dominate such events, then RIS, XDS infrastructure,
 * MHD products and gateways.
 */
export const MIX: readonly { kind: string; weight: number; plans: readonly string[] }[] = [
  { kind: 'PACS (Imaging Document Source, WADO-RS Source)', weight: 18, plans: ['imaging-document-source', 'wado-rs-source'] },
  { kind: 'viewer (Imaging Document Consumer, Image Display)', weight: 12, plans: ['imaging-document-consumer', 'image-display'] },
  { kind: 'RIS (report source)', weight: 9, plans: ['report-source'] },
  { kind: 'XDS registry/repository', weight: 6, plans: ['document-registry-repository'] },
  { kind: 'MHD Document Source', weight: 3, plans: ['mhd-document-source'] },
  { kind: 'MHD Document Responder', weight: 3, plans: ['mhd-document-responder'] },
  { kind: 'MHD Document Consumer', weight: 3, plans: ['mhd-document-consumer'] },
  { kind: 'XCA Responding Gateway', weight: 3, plans: ['responding-gateway'] },
  { kind: 'Common Imaging Gateway', weight: 2, plans: ['common-imaging-gateway'] },
  { kind: 'WIA facade', weight: 1, plans: ['wia-facade'] },
];

/** The kinds of n systems, interleaved so that a small n still gets a varied mix. */
export function systemsOf(n: number): string[] {
  const slots = MIX.flatMap((m) => Array.from({ length: m.weight }, (_, j) => ({ kind: m.kind, at: (j + 0.5) / m.weight })));
  slots.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
  return Array.from({ length: n }, (_, i) => slots[i % slots.length]!.kind);
}

function requestsFor(n: number): RunRequest[] {
  return systemsOf(n).flatMap((kind, i) =>
    MIX.find((m) => m.kind === kind)!.plans.map((plan) => ({
      sessionId: 'scale-bench',
      systemId: `system-${String(i + 1).padStart(2, '0')}`,
      plan,
      profileYaml: `name: system ${i + 1} (${kind})\nroles: [RIS]\n`,
      requestedBy: 'bench',
      reference: true,
    })),
  );
}

interface Round {
  workers: number;
  seconds: number;
  runs: number;
  states: Record<string, number>;
  peakRssMb: number | null;
  problems: string[];
  load: number;
}

async function round(baseUrl: string, workers: number, systems: number, log: (l: string) => void): Promise<Round> {
  const name = `scale_${workers}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const store = baseUrl.replace(/\/[^/]*$/, `/${name}`);
  const db = await openConsoleDb(store);
  const queue = sqlRunQueue(db);
  const data = await mkdtemp(join(tmpdir(), 'mcwg-bench-scale-'));
  try {
    const requests = requestsFor(systems);
    const ids = [];
    for (const r of requests) ids.push((await queue.enqueue(r)).id);
    log(`${workers} worker(s): ${ids.length} runs queued for ${systems} systems`);
    const t0 = process.hrtime.bigint();
    const results: ChildStats[] = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        runMeasured(process.execPath, [
          '--import',
          'tsx',
          join(ROOT, 'cli/main.ts'),
          'worker',
          '--store',
          store,
          '--data',
          data,
          '--id',
          `bench-${w + 1}`,
          '--exit-when-idle',
          '--poll-ms',
          '200',
        ]),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const load = loadavg()[0]!;
    // Lost or doubled: every run final, started exactly once across all workers, one run-start event each.
    const problems: string[] = [];
    const started = new Map<string, number>();
    for (const r of results)
      for (const m of r.stdout.matchAll(/run ([0-9a-f-]{36}): \S+ for system .* started/g))
        started.set(m[1]!, (started.get(m[1]!) ?? 0) + 1);
    const runs = await queue.list({ sessionId: 'scale-bench' });
    const states: Record<string, number> = {};
    for (const run of runs) {
      states[run.state] = (states[run.state] ?? 0) + 1;
      if (!FINAL_STATES.includes(run.state)) problems.push(`${run.id} left ${run.state}`);
      if (started.get(run.id) !== 1) problems.push(`${run.id} started ${started.get(run.id) ?? 0} times`);
      const runStarts = (await queue.events(run.id, 0)).filter((e) => e.event.type === 'run-start').length;
      if (runStarts > 1) problems.push(`${run.id} has ${runStarts} run-start events`);
    }
    if (runs.length !== ids.length) problems.push(`${ids.length} queued, ${runs.length} in the database`);
    const peaks = results.map((r) => r.peakRssMb).filter((x): x is number => x !== null);
    const stateLine = Object.entries(states)
      .map(([s, k]) => `${k} ${s}`)
      .join(', ');
    log(
      `${workers} worker(s): ${seconds.toFixed(1)} s, ${stateLine}; lost or doubled: ${problems.length === 0 ? 'none' : problems.join('; ')}`,
    );
    for (const run of runs.filter((r) => r.state === 'error').slice(0, 5)) log(`  error: ${run.plan} ${run.summary}`);
    return { workers, seconds, runs: runs.length, states, peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null, problems, load };
  } finally {
    await db.close();
    await rm(data, { recursive: true, force: true });
  }
}

const SYSTEMS = Number(process.env.MCWG_SCALE_SYSTEMS ?? 60);
const WORKERS = (process.env.MCWG_SCALE_WORKERS ?? '1,3').split(',').map(Number);

const bench: Bench = {
  name: `event console scale-out (${SYSTEMS} systems x all plans of their roles, reference runs, mcwg worker processes on one PostgreSQL)`,
  async run(log) {
    if (!Number.isInteger(SYSTEMS) || SYSTEMS < 1 || WORKERS.some((w) => !Number.isInteger(w) || w < 1))
      throw new Error('MCWG_SCALE_SYSTEMS and MCWG_SCALE_WORKERS (e.g. "1,3") must be whole numbers from 1');
    log(`mix: ${MIX.map((m) => `${m.weight}/60 ${m.kind}: ${m.plans.join(' + ')}`).join('; ')}`);
    const cluster = process.env.MCWG_SCALE_PG ? undefined : startTempCluster();
    const url = process.env.MCWG_SCALE_PG ?? cluster!.url;
    const rows: BenchRow[] = [];
    try {
      for (const w of WORKERS) {
        const r = await round(url, w, SYSTEMS, log);
        const note = `${r.runs} runs: ${Object.entries(r.states)
          .map(([s, k]) => `${k} ${s}`)
          .join(', ')}`;
        rows.push({
          name: `wall time, ${w} worker(s)`,
          ours: r.seconds,
          peer: null,
          unit: 's',
          better: 'lower',
          note,
          loadAverage: r.load,
        });
        rows.push({
          name: `runs/minute, ${w} worker(s)`,
          ours: (r.runs / r.seconds) * 60,
          peer: null,
          unit: 'runs/min',
          better: 'higher',
          loadAverage: r.load,
        });
        if (r.peakRssMb !== null)
          rows.push({
            name: `max peak RSS of one worker, ${w} worker(s)`,
            ours: r.peakRssMb,
            peer: null,
            unit: 'MB',
            better: 'lower',
            loadAverage: r.load,
          });
        rows.push({
          name: `runs lost or doubled, ${w} worker(s)`,
          ours: r.problems.length,
          peer: null,
          unit: 'runs',
          better: 'lower',
          target: 0,
          ...(r.problems.length > 0 ? { note: r.problems.slice(0, 3).join('; ') } : {}),
          loadAverage: r.load,
        });
      }
    } finally {
      cluster?.stop();
    }
    return rows;
  },
};
export default bench;
