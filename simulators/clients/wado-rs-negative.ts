// Negative and negotiation checks of a WADO-RS source (WADO-005..008): what it answers to a
// wildcard or bogus transfer syntax, an unknown UID and a malformed one. Headers only are kept.
import type { Exchange } from '../../model/exchange.ts';
import type { Finding } from '../../model/finding.ts';
import { getMultipart } from './wado-rs-exchange.ts';

interface Case {
  ruleId: string;
  reqIds: string[];
  path: string;
  accept: string;
  expect: number[];
  what: string;
}

const DICOM = 'multipart/related; type="application/dicom"';
// A syntactically valid UID no source holds: 2.25 + a fixed 128-bit-range number.
const UNKNOWN = '2.25.999999999999999999999999999999999';

export async function checkWadoRsNegotiation(
  baseUrl: string,
  studyUid: string,
  opts: { timeoutMs?: number; tls?: import('node:tls').ConnectionOptions; headers?: Record<string, string> } = {},
): Promise<{ findings: Finding[]; exchanges: Exchange[] }> {
  const base = baseUrl.replace(/\/+$/, '');
  const cases: Case[] = [
    {
      ruleId: 'wado.accept.wildcard',
      reqIds: ['WADO-005'],
      path: `/studies/${studyUid}`,
      accept: `${DICOM}; transfer-syntax=*`,
      expect: [200],
      what: 'transfer-syntax=* (any)',
    },
    {
      ruleId: 'wado.accept.default',
      reqIds: ['WADO-005'],
      path: `/studies/${studyUid}`,
      accept: DICOM,
      expect: [200],
      what: 'no transfer-syntax (Explicit VR LE)',
    },
    {
      ruleId: 'wado.accept.unsupported',
      reqIds: ['WADO-006'],
      path: `/studies/${studyUid}`,
      accept: `${DICOM}; transfer-syntax=1.2.3.4`,
      expect: [406],
      what: 'a bogus transfer syntax 1.2.3.4',
    },
    {
      ruleId: 'wado.status.unknown',
      reqIds: ['WADO-007'],
      path: `/studies/${UNKNOWN}`,
      accept: DICOM,
      expect: [404],
      what: 'an unknown Study Instance UID',
    },
    {
      ruleId: 'wado.status.unknown',
      reqIds: ['WADO-007'],
      path: `/studies/${studyUid}/series/${UNKNOWN}`,
      accept: DICOM,
      expect: [404],
      what: 'an unknown Series Instance UID',
    },
    { ruleId: 'wado.status.malformed', reqIds: ['WADO-008'], path: '/studies/abc', accept: DICOM, expect: [400], what: 'a malformed UID' },
  ];
  const findings: Finding[] = [];
  const exchanges: Exchange[] = [];
  for (const c of cases) {
    const timeoutMs = opts.timeoutMs ?? 60_000;
    // Only the status matters: stop at the first part.
    const res = await getMultipart(
      `${base}${c.path}`,
      {
        accept: c.accept,
        timeoutMs,
        idleTimeoutMs: timeoutMs,
        ...(opts.tls ? { tls: opts.tls } : {}),
        ...(opts.headers ? { headers: opts.headers } : {}),
      },
      async () => false,
    );
    exchanges.push(res.exchange);
    if (res.status !== undefined && c.expect.includes(res.status)) continue;
    findings.push({
      ruleId: c.ruleId,
      reqIds: c.reqIds,
      severity: 'error',
      message: `for ${c.what} expected HTTP ${c.expect.join(' or ')}; got ${res.status ?? `no answer (${res.failure?.message ?? 'unknown'})`}`,
      location: { artefact: res.exchange.request.summary ?? c.path, path: 'HTTP status' },
      evidence: [res.exchange.id],
    });
  }
  return { findings, exchanges };
}
