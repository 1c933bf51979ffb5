// Independent peers feed `mcwg simulate audit` run as a process: util-linux logger (RFC 5424
// over TCP with RFC 6587 octet counting, and over UDP) and an openssl s_client TLS stream with
// the test PKI's client certificate. A hand-written PS3.15 audit passes; one-change variants of
// it fail, each on the rule the change breaks. The process logs each message on stderr.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { packagePath } from '../../model/package-root.ts';
import { formatSyslog, frameOctetCounted } from '../../protocols/syslog/index.ts';

const MAIN = packagePath('cli/main.ts');
const XML = readFileSync(join(import.meta.dirname, '../../fixtures/audit/iti-41.xml'), 'utf8');

interface AuditProcess {
  child: ChildProcess;
  tcp: string;
  udp?: string;
  stderr(): string;
  /** Resolves once stderr has `n` message lines. */
  messages(n: number): Promise<string[]>;
}

function spawnAudit(args: string[]): Promise<AuditProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulate', 'audit', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const lines = () => err.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT\S+ (tls|tcp|udp) /.test(l));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    waiters.splice(0).forEach((w) => w());
  });
  const messages = async (n: number) => {
    const deadline = Date.now() + 15_000;
    while (lines().length < n && Date.now() < deadline)
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 500);
      });
    return lines();
  };
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const tcp = /^ITI-20 syslog \(RFC 5425[^)]*\) (\S+)$/m.exec(out)?.[1];
      const udp = /^ITI-20 syslog \(RFC 5426 UDP\) (\S+)$/m.exec(out)?.[1];
      if (tcp && (udp || args.includes('--no-udp'))) resolve({ child, tcp, ...(udp ? { udp } : {}), stderr: () => err, messages });
    });
    child.once('exit', (code) => reject(new Error(`simulate audit exited (${code}): ${err}`)));
  });
}

const portOf = (url: string) => new URL(url.replace(/^\w+:/, 'http:')).port;
const HAVE_LOGGER = peerAvailable('logger');
const HAVE_OPENSSL = peerAvailable('openssl');

describe.skipIf(!HAVE_LOGGER)('logger feeds mcwg simulate audit (TCP and UDP)', () => {
  let p: AuditProcess;
  beforeAll(async () => void (p = await spawnAudit([])));
  afterAll(() => void p?.child.kill('SIGTERM'));

  const logger = (transport: string[], xml: string, port: string) =>
    promisify(execFile)('logger', [
      ...transport,
      '--rfc5424',
      '-n',
      '127.0.0.1',
      '-P',
      port,
      '--msgid',
      'IHE+RFC-3881',
      '-t',
      'peer',
      '--size',
      '65000',
      xml,
    ]);

  test('the hand-written ITI-41 audit passes; one-change variants fail on the rule they break', async () => {
    // Each message waits for the receiver's line before the next goes out: separate connections
    // (and UDP) may be handled in any order under load, and the expected lines are in send order.
    let sent = 0;
    const send = async (transport: string[], xml: string, port: string) => {
      await logger(transport, xml, port);
      await p.messages(++sent);
    };
    await send(['--tcp', '--octet-count'], XML, portOf(p.tcp));
    // EventID Import is allowed for ITI-41, but not with EventActionCode R (Export's).
    await send(['--tcp', '--octet-count'], XML.replace('csd-code="110106"', 'csd-code="110112"'), portOf(p.tcp));
    // No submission set object.
    await send(
      ['--tcp', '--octet-count'],
      XML.replace(/<ParticipantObjectIdentification ParticipantObjectID="1\.2[\s\S]*?<\/ParticipantObjectIdentification>/, ''),
      portOf(p.tcp),
    );
    // UserIsRequestor neither true nor false.
    await send(['--tcp', '--octet-count'], XML.replace('UserIsRequestor="true"', 'UserIsRequestor="yes"'), portOf(p.tcp));
    await send(['--udp'], XML, portOf(p.udp!));
    const lines = await p.messages(5);
    expect(lines.map((l) => l.replace(/^\S+ /, '').replace(/ \S+:\/\/[^ ]+/, ''))).toEqual([
      'tcp ITI-41 audit: valid',
      'tcp ITI-41 audit: 2 error(s)',
      'tcp ITI-41 audit: 1 error(s)',
      'tcp ITI-41 audit: 1 error(s)',
      'udp ITI-41 audit: valid',
    ]);
    const err = p.stderr();
    expect(err).toMatch(/error audit\.event\.transaction \[SEC-003\]/);
    expect(err).toMatch(/error audit\.object\.required \[SEC-003\] .*SubmissionSet participant object is required/);
    expect(err).toMatch(/error audit\.participant\.identity \[SEC-004\] .*UserIsRequestor must be true or false/);
  }, 60_000);
});

describe.skipIf(!HAVE_OPENSSL)('openssl s_client feeds mcwg simulate audit over mutual TLS', () => {
  let dir: string;
  let p: AuditProcess;
  const f = (n: string) => join(dir, n);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcwg-audit-peer-'));
    await writePki(dir);
    p = await spawnAudit(['--no-udp', '--tls-cert', f('server.crt.pem'), '--tls-key', f('server.key.pem'), '--tls-ca', f('ca.crt.pem')]);
  });
  afterAll(() => void p?.child.kill('SIGTERM'));

  test('an octet-counted RFC 5424 audit over a mutual-TLS stream is received and valid', async () => {
    expect(p.tcp).toMatch(/^tls:\/\//);
    const client = spawn(
      'openssl',
      [
        's_client',
        '-quiet',
        '-connect',
        `127.0.0.1:${portOf(p.tcp)}`,
        '-servername',
        'localhost',
        '-CAfile',
        f('ca.crt.pem'),
        '-verify_return_error',
        '-cert',
        f('client.crt.pem'),
        '-key',
        f('client.key.pem'),
      ],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    // Two frames in one write, the second a bad MSG-LEN: the first is kept, the second recorded as broken.
    client.stdin.write(
      Buffer.concat([frameOctetCounted(formatSyslog({ hostname: 'openssl', appName: 'peer', msg: XML })), Buffer.from('x12 junk')]),
    );
    const lines = await p.messages(2);
    client.kill();
    expect(lines.map((l) => l.replace(/^\S+ /, '').replace(/ \S+:\/\/[^ ]+/, ''))).toEqual([
      'tls ITI-41 audit: valid',
      expect.stringMatching(/^tls message: 1 error\(s\) \(bad MSG-LEN/),
    ]);
  }, 60_000);

  test('openssl without a client certificate is refused and nothing is recorded', async () => {
    const before = (await p.messages(0)).length;
    const r = await promisify(execFile)(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${portOf(p.tcp)}`, '-servername', 'localhost', '-CAfile', f('ca.crt.pem')],
      { timeout: 20_000 },
    ).catch((e: { stdout?: string; stderr?: string }) => e);
    expect(`${r.stdout ?? ''}${r.stderr ?? ''}`).toMatch(/alert|certificate required|handshake failure|errno/i);
    await new Promise((r2) => setTimeout(r2, 300));
    expect((await p.messages(0)).length).toBe(before);
  }, 60_000);
});
