// Audit messages end to end over the wire: our sender (RFC 5424 + RFC 5425 octet counting,
// mutual TLS with the test PKI) to a listener built from readSyslogStream, then validated.
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { formatSyslog, readSyslogStream, sendSyslog, type SyslogParseResult } from '../../protocols/syslog/index.ts';
import { tlsClientOptions, tlsServerOptions } from '../../simulators/tls/options.ts';
import { validateAudit } from './validate.ts';

let dir: string;
const f = (n: string) => join(dir, n);
const received: SyslogParseResult[] = [];
const framingErrors: string[] = [];
let server: ReturnType<typeof createServer>;
let port: number;
const waiters: (() => void)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mcwg-audit-tls-'));
  await writePki(dir);
  server = createServer(tlsServerOptions({ tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem'), tlsCa: f('ca.crt.pem') })!, (s) =>
    readSyslogStream(s, {
      onMessage: (r) => {
        received.push(r);
        waiters.splice(0).forEach((w) => w());
      },
      onFramingError: (m) => framingErrors.push(m),
    }),
  );
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const until = async (n: number) => {
  while (received.length < n) await new Promise<void>((r) => waiters.push(r));
};

test('three audit messages sent over mutual TLS arrive whole, parse, and validate clean', async () => {
  const names = ['iti-41', 'iti-18', 'rad-107'];
  const xml = names.map((n) => readFileSync(join(import.meta.dirname, '../../fixtures/audit', `${n}.xml`), 'utf8'));
  await sendSyslog(
    {
      host: 'localhost',
      port,
      tls: tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('client.crt.pem'), tlsKey: f('client.key.pem') }),
    },
    xml.map((msg) => formatSyslog({ hostname: 'mcwg', appName: 'mcwg-sim', msg })),
  );
  await until(3);
  expect(framingErrors).toEqual([]);
  received.forEach((r, i) => {
    expect(r).toMatchObject({ ok: true, message: { msgId: 'IHE+RFC-3881', appName: 'mcwg-sim', bom: true } });
    if (r.ok) expect(validateAudit(r.message.msg, names[i]!, { transaction: names[i]!.toUpperCase() })).toEqual([]);
  });
});

test('the sender reports a repository that is not listening', async () => {
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const p = (closed.address() as AddressInfo).port;
  closed.close();
  await once(closed, 'close');
  await expect(sendSyslog({ host: '127.0.0.1', port: p }, [formatSyslog({ msg: 'x' })])).rejects.toThrow(/ECONNREFUSED/);
});

test('the sender reports a mutual-TLS repository that refuses its certificate', async () => {
  const before = received.length;
  await expect(
    sendSyslog(
      {
        host: 'localhost',
        port,
        tls: tlsClientOptions({ tlsCa: f('ca.crt.pem'), tlsCert: f('expired.crt.pem'), tlsKey: f('expired.key.pem') }),
      },
      [formatSyslog({ msg: 'x' })],
    ),
  ).rejects.toThrow();
  expect(received.length).toBe(before);
});
