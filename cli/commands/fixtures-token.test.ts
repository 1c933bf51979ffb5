import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import { checkBearer, loadJwks } from '../../simulators/auth/verify.ts';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';

const io = (): Io & { o: string; e: string } => {
  const x: Io & { o: string; e: string } = {
    o: '',
    e: '',
    isTty: false,
    debug: false,
    out: (t) => void (x.o += t),
    err: (t) => void (x.e += t),
  };
  return x;
};
const AUD = 'https://pacs.example.org/dicomweb';

describe('mcwg fixtures token', () => {
  test('issues tokens that verify against the JWKS it wrote, reusing the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-token-'));
    const a = io();
    expect(
      await runCli(
        [
          'fixtures',
          'token',
          '--key-dir',
          dir,
          '--aud',
          AUD,
          '--alg',
          'ES256',
          '--scope',
          'user/ImagingStudy.read',
          '--patient',
          'P1',
          '--study',
          '1.2.3',
          '--study',
          '1.2.4',
        ],
        a,
      ),
    ).toBe(0);
    expect(a.e).toMatch(/^new ES256 key /);
    const token = a.o.trim();
    expect(decodeJwt(token)).toMatchObject({
      iss: 'https://idp.mcwg.test',
      sub: 'mcwg-test-user',
      aud: AUD,
      scope: 'user/ImagingStudy.read',
      patient: 'P1',
      study: ['1.2.3', '1.2.4'],
    });
    expect(statSync(join(dir, 'token-signing.key.pem')).mode & 0o777).toBe(0o600);
    const keys = await loadJwks(join(dir, 'jwks.json'));
    expect(await checkBearer(`Bearer ${token}`, { keys, audience: AUD }, { patient: 'P1', study: '1.2.4' })).toMatchObject({ ok: true });

    const b = io();
    expect(await runCli(['fixtures', 'token', '--key-dir', dir, '--aud', AUD, '--alg', 'ES256', '--expired'], b)).toBe(0);
    expect(b.e).toMatch(/^existing ES256 key /);
    expect(JSON.parse(readFileSync(join(dir, 'jwks.json'), 'utf8')).keys).toHaveLength(1);
    expect(await checkBearer(`Bearer ${b.o.trim()}`, { keys, audience: AUD })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'token expired',
    });
  });

  test('asking for another algorithm than the folder holds is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcwg-token-'));
    expect(await runCli(['fixtures', 'token', '--key-dir', dir, '--aud', AUD], io())).toBe(0);
    const e = io();
    expect(await runCli(['fixtures', 'token', '--key-dir', dir, '--aud', AUD, '--alg', 'ES256'], e)).toBe(2);
    expect(e.e).toContain('holds an RS256 key');
  });

  test('--help teaches with examples', async () => {
    const h = io();
    await runCli(['fixtures', 'token', '--help'], h);
    expect(h.o + h.e).toContain('mcwg fixtures token --key-dir out/iua --aud https://pacs.example.org/dicomweb --expired');
  });
});
