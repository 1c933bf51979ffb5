// An independent syslog sender (util-linux logger: RFC 5424 header, RFC 6587 octet counting
// over TCP) feeds our framer and parser; the audit XML it carries validates clean.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { peerAvailable } from '../../fixtures/peers.ts';
import { createSocket } from 'node:dgram';
import { parseDatagram, readSyslogStream, type SyslogParseResult } from '../../protocols/syslog/index.ts';
import { validateAudit } from './validate.ts';

const HAVE = peerAvailable('logger');

test.skipIf(!HAVE)('logger --tcp --octet-count --rfc5424 delivers an ITI-43 audit that parses and validates', async () => {
  const got: SyslogParseResult[] = [];
  const errors: string[] = [];
  const server = createServer((s) => readSyslogStream(s, { onMessage: (r) => got.push(r), onFramingError: (m) => errors.push(m) }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const conn = once(server, 'connection');
  const xml = readFileSync(join(import.meta.dirname, '../../fixtures/audit/iti-43.xml'), 'utf8');
  await promisify(execFile)('logger', [
    '--tcp',
    '--octet-count',
    '--rfc5424',
    '-n',
    '127.0.0.1',
    '-P',
    String(port),
    '--msgid',
    'IHE+RFC-3881',
    '-t',
    'mcwg-logger',
    '-p',
    'authpriv.notice',
    '--size',
    '65000',
    xml,
  ]);
  const [socket] = await conn;
  if (!socket.readableEnded) await once(socket, 'end');
  server.close();
  expect(errors).toEqual([]);
  expect(got).toHaveLength(1);
  expect(got[0]).toMatchObject({ ok: true, message: { pri: 85, msgId: 'IHE+RFC-3881', appName: 'mcwg-logger', bom: false } });
  const r = got[0]!;
  if (r.ok) expect(validateAudit(r.message.msg, 'logger', { transaction: 'ITI-43' })).toEqual([]);
});

test.skipIf(!HAVE)('logger --udp --rfc5424 delivers an ITI-18 audit in one datagram (RFC 5426)', async () => {
  const sock = createSocket('udp4');
  sock.bind(0, '127.0.0.1');
  await once(sock, 'listening');
  const { port } = sock.address();
  const got = once(sock, 'message') as Promise<[Buffer]>;
  const xml = readFileSync(join(import.meta.dirname, '../../fixtures/audit/iti-18.xml'), 'utf8');
  await promisify(execFile)('logger', [
    '--udp',
    '--rfc5424',
    '-n',
    '127.0.0.1',
    '-P',
    String(port),
    '--msgid',
    'IHE+RFC-3881',
    '-t',
    'mcwg-logger',
    '--size',
    '8192',
    xml,
  ]);
  const [datagram] = await got;
  sock.close();
  const r = parseDatagram(datagram);
  expect(r).toMatchObject({ ok: true, message: { msgId: 'IHE+RFC-3881' } });
  if (r.ok) expect(validateAudit(r.message.msg, 'udp', { transaction: 'ITI-18' })).toEqual([]);
});
