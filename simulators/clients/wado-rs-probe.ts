// Availability probe for the operations centre (GW-012): a study retrieve read up to its first
// instance, then dropped, repeated; latency to headers and to the first complete instance.
import type { Exchange } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import { getMultipart } from './wado-rs-exchange.ts';
import { PART10_ACCEPT } from './wado-rs.ts';

export interface ProbeSample {
  ok: boolean;
  status?: number;
  headersMs?: number;
  firstPartMs?: number;
  error?: string;
  exchangeId: string;
}

export interface ProbeResult {
  url: string;
  available: boolean;
  samples: ProbeSample[];
  /** Over successful samples: ms to the first complete instance. */
  latency?: { min: number; median: number; max: number };
  findings: Finding[];
  exchanges: Exchange[];
}

export interface ProbeOptions {
  count?: number;
  intervalMs?: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** https:// with our TLS client options. */
  tls?: import('node:tls').ConnectionOptions;
}

export async function probeWadoRs(baseUrl: string, studyUid: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const url = `${baseUrl.replace(/\/+$/, '')}/studies/${studyUid}`;
  const samples: ProbeSample[] = [];
  const exchanges: Exchange[] = [];
  const findings: Finding[] = [];
  const count = opts.count ?? 1;
  for (let n = 0; n < count; n++) {
    if (n > 0 && opts.intervalMs) await new Promise((r) => setTimeout(r, opts.intervalMs));
    const t0 = performance.now();
    let firstPartMs: number | undefined;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const res = await getMultipart(
      url,
      {
        accept: PART10_ACCEPT,
        timeoutMs,
        idleTimeoutMs: timeoutMs,
        ...(opts.headers ? { headers: opts.headers } : {}),
        ...(opts.tls ? { tls: opts.tls } : {}),
      },
      async (part) => {
        for await (const _ of part.body) void _;
        firstPartMs = performance.now() - t0;
        return false;
      },
    );
    exchanges.push(res.exchange);
    const ok = res.status === 200 && firstPartMs !== undefined && !res.failure;
    const s: ProbeSample = { ok, exchangeId: res.exchange.id };
    if (res.status !== undefined) s.status = res.status;
    if (res.headersMs !== undefined) s.headersMs = round(res.headersMs);
    if (firstPartMs !== undefined) s.firstPartMs = round(firstPartMs);
    const error =
      res.failure?.message ??
      (res.status !== 200
        ? `HTTP ${res.status ?? '-'} ${(res.errorText ?? '').trim().slice(0, 120)}`
        : firstPartMs === undefined
          ? 'no instance in the answer'
          : undefined);
    if (!ok && error) s.error = error;
    samples.push(s);
    if (!ok) {
      const busy = res.status === 503;
      findings.push({
        ruleId: 'wado.probe.available',
        reqIds: busy ? ['GW-012', 'WADO-010'] : ['GW-012'],
        severity: 'error',
        message: `probe ${n + 1} of ${count}: source did not deliver an instance of study ${studyUid}: ${error ?? 'unknown'}`,
        location: { artefact: url, path: 'HTTP' },
        evidence: [res.exchange.id],
      });
    }
  }
  const good = samples
    .filter((s) => s.ok && s.firstPartMs !== undefined)
    .map((s) => s.firstPartMs!)
    .sort((a, b) => a - b);
  const result: ProbeResult = { url, available: good.length === samples.length, samples, findings, exchanges };
  if (good.length) result.latency = { min: good[0]!, median: good[Math.floor(good.length / 2)]!, max: good[good.length - 1]! };
  return result;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
