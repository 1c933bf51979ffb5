// The Audit Record Repository simulator: audits over TCP, mutual TLS and UDP are recorded and
// validated; every broken frame is recorded with its finding and never stops the server.
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import type { Exchange } from '../../model/exchange.ts';
import { formatSyslog, frameOctetCounted } from '../../protocols/syslog/index.ts';
import { tlsClientOptions, tlsServerOptions } from '../tls/options.ts';
import { startAuditRepository, type RunningAuditRepository } from './repository.ts';
import { auditSender } from './sender.ts';

const fixture = (n: string) => readFileSync(join(import.meta.dirname, '../../fixtures/audit', `${n}.xml`), 'utf8');
const errors = (r: { findings: { severity: string; ruleId: string }[] }) =>
  r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);

async function raw(port: number, bytes: Uint8Array | string, end = true): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1');
  await once(s, 'connect');
  s.write(bytes);
  if (end) s.end();
  s.on('error', () => undefined);
  return s;
}

describe('audit repository over TCP and UDP', () => {
  let repo: RunningAuditRepository;
  const persisted: Exchange[] = [];
  beforeAll(async () => {
    repo = await startAuditRepository({ frameTimeoutMs: 300, store: { recordExchanges: async (l) => void persisted.push(...l) } });
  });
  afterAll(() => repo.stop());

  test('prints a tcp:// and a udp:// endpoint on real ports', () => {
    expect(repo.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(repo.udpUrl).toMatch(/^udp:\/\/127\.0\.0\.1:\d+$/);
    expect(repo.port).toBeGreaterThan(0);
  });

  test('an ITI-41 audit over TCP is recorded, attributed to ITI-41 and validates clean', async () => {
    const t = new Date();
    const s = auditSender(`tcp://127.0.0.1:${repo.port}`);
    await s.send(fixture('iti-41'));
    const r = await repo.waitFor({ since: t, timeoutMs: 5000, match: (x) => x.audited === 'ITI-41' });
    expect(r).toBeDefined();
    expect(errors(r!)).toEqual([]);
    expect(r!.findings.map((f) => f.ruleId)).toEqual(['audit.transport.tls']);
    expect(r!.exchange).toMatchObject({ transaction: 'ITI-20', to: repo.url });
    expect(r!.exchange.request.body).toContain('<AuditMessage>');
    expect(r!.syslog).toMatchObject({ msgId: 'IHE+RFC-3881', pri: 85 });
    await repo.stop();
    expect(persisted.map((e) => e.id)).toEqual(repo.exchanges().map((e) => e.id));
  });

  test('records over UDP, one datagram per message', async () => {
    const fresh = await startAuditRepository({});
    try {
      const t = Date.now();
      await auditSender(fresh.udpUrl!).send(fixture('iti-18'));
      const r = await fresh.waitFor({ since: t, timeoutMs: 5000 });
      expect(r).toMatchObject({ transport: 'udp', audited: 'ITI-18' });
      expect(errors(r!)).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});

describe('audit repository: bad input is recorded with its finding, never a crash', () => {
  let repo: RunningAuditRepository;
  beforeAll(async () => void (repo = await startAuditRepository({ frameTimeoutMs: 300, maxFrameBytes: 4096, udpPort: null })));
  afterAll(() => repo.stop());

  const next = async (send: () => Promise<unknown>) => {
    const t = Date.now();
    const before = repo.records().length;
    await send();
    const r = await repo.waitFor({ since: t, timeoutMs: 5000, match: () => repo.records().length > before });
    return repo.records()[before] ?? r;
  };

  test.each([
    ['a bad MSG-LEN', 'x5 hello', 'audit.syslog.framing', /bad MSG-LEN/],
    ['an oversize frame', '99999 <13>1', 'audit.syslog.framing', /oversize/],
    ['a frame cut off by the close', '500 <13>1 - - - - - -', 'audit.syslog.framing', /closed inside a frame/],
    [
      'an RFC 3164 message',
      frameOctetCounted(new TextEncoder().encode('<13>Dec  3 06:19:42 host app: hi')),
      'audit.syslog.rfc5424',
      /VERSION/,
    ],
    ['a MSG that is not XML', frameOctetCounted(formatSyslog({ msg: 'hello audit' })), 'audit.parse', /not a DICOM audit message/],
  ])('%s', async (_what, bytes, ruleId, error) => {
    const r = await next(() => raw(repo.port, bytes));
    expect(r!.findings.map((f) => f.ruleId)).toContain(ruleId);
    expect(r!.exchange.error).toMatch(error);
    expect(repo.exchanges().some((e) => e.id === r!.exchange.id)).toBe(true);
  });

  test('an event no audit table names is a warning', async () => {
    const xml = fixture('iti-41').replace('csd-code="ITI-41"', 'csd-code="ITI-99"').replace('csd-code="110106"', 'csd-code="110114"');
    const r = await next(() => raw(repo.port, frameOctetCounted(formatSyslog({ msg: xml }))));
    expect(r!.findings.find((f) => f.ruleId === 'audit.event.unknown')).toMatchObject({ severity: 'warning' });
    expect(r!.audited).toBeUndefined();
  });

  test('a frame not finished within the frame timeout is recorded and its connection closed', async () => {
    let sock: net.Socket | undefined;
    const r = await next(async () => (sock = await raw(repo.port, '300 <13>1 - -', false)));
    expect(r!.exchange.error).toMatch(/not complete within 300 ms/);
    if (!sock!.closed) await once(sock!, 'close');
  });

  test('after all that the repository still takes a good message', async () => {
    const r = await next(() => auditSender(`tcp://127.0.0.1:${repo.port}`).send(fixture('iti-43')));
    expect(r).toMatchObject({ audited: 'ITI-43' });
  });
});

describe('audit repository over mutual TLS', () => {
  let dir: string;
  let repo: RunningAuditRepository;
  const f = (n: string) => join(dir, n);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcwg-audit-repo-'));
    await writePki(dir);
    repo = await startAuditRepository({
      udpPort: null,
      tls: tlsServerOptions({ tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem'), tlsCa: f('ca.crt.pem') })!,
    });
  });
  afterAll(() => repo.stop());

  test('a RAD-107 audit from a client with a deployment certificate is recorded with the TLS parameters', async () => {
    const t = Date.now();
    await auditSender(`tls://localhost:${repo.port}`, {
      tls: tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') }),
    }).send(fixture('rad-107'));
    const r = await repo.waitFor({ since: t, timeoutMs: 5000 });
    expect(r).toMatchObject({ transport: 'tls', audited: 'RAD-107', findings: [] });
    expect(r!.exchange.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(repo.url).toMatch(/^tls:/);
  });

  test('a client with an expired certificate is refused and nothing is recorded', async () => {
    const before = repo.records().length;
    const errs: Error[] = [];
    const s = auditSender(`tls://localhost:${repo.port}`, {
      tls: tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('expired.crt.pem'), tlsKey: f('expired.key.pem') }),
      onError: (e) => errs.push(e),
    });
    await s.send(fixture('rad-107'));
    expect([s.sent(), s.failed(), errs.length]).toEqual([0, 1, 1]);
    expect(repo.records().length).toBe(before);
  });
});
