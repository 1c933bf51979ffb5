// An independent TLS client (openssl s_client, mutual TLS with the test PKI) carries an
// octet-counted RFC 5424 audit message to a listener built from readSyslogStream (RFC 5425).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { expect, test } from 'vitest';
import { writePki } from '../../fixtures/builders/pki.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { formatSyslog, frameOctetCounted, readSyslogStream, type SyslogParseResult } from '../../protocols/syslog/index.ts';
import { tlsServerOptions } from '../../simulators/tls/options.ts';
import { validateAudit } from './validate.ts';

const HAVE = peerAvailable('openssl');

test.skipIf(!HAVE)('openssl s_client delivers a RAD-68 audit over mutual TLS that parses and validates', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcwg-audit-openssl-'));
  await writePki(dir);
  const f = (n: string) => join(dir, n);
  const got: SyslogParseResult[] = [];
  const errors: string[] = [];
  let arrived!: () => void;
  const done = new Promise<void>((r) => (arrived = r));
  const server = createServer(
    tlsServerOptions({ tlsCert: f('server.crt.pem'), tlsKey: f('server.key.pem'), tlsCa: f('ca.crt.pem') })!,
    (s) => readSyslogStream(s, { onMessage: (r) => (got.push(r), arrived()), onFramingError: (m) => errors.push(m) }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const xml = readFileSync(join(import.meta.dirname, '../../fixtures/audit/rad-68.xml'), 'utf8');
  const client = spawn(
    'openssl',
    [
      's_client',
      '-quiet',
      '-connect',
      `127.0.0.1:${port}`,
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
  // Keep stdin open until the message arrived: on EOF s_client may close before sending it all.
  client.stdin.write(frameOctetCounted(formatSyslog({ hostname: 'openssl', appName: 'imaging-source', msg: xml })));
  await done;
  client.kill();
  server.close();
  expect(errors).toEqual([]);
  expect(got[0]).toMatchObject({ ok: true, message: { appName: 'imaging-source', bom: true } });
  const r = got[0]!;
  if (r.ok) expect(validateAudit(r.message.msg, 'rad-68', { transaction: 'RAD-68' })).toEqual([]);
});
