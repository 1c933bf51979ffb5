// `mcwg fixtures token`: a signed test IUA access token (JWT) and the JWKS to verify it
// (SEC-005, SEC-006: tokens for the right patient, another patient, expired, …).
import { join } from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../errors.ts';
import type { RegisterFixture } from './fixtures.ts';

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 31_536_000) throw new UsageError(`--expires-in ${v}: expected whole seconds from 1 to 31536000`);
  return n;
}

const collect = (v: string, prev: string[]) => [...prev, v];

interface TokenOpts {
  keyDir: string;
  alg: 'RS256' | 'ES256';
  iss: string;
  sub: string;
  aud: string;
  scope?: string;
  patient?: string;
  study: string[];
  expiresIn: number;
  expired?: boolean;
}

export const registerFixturesToken: RegisterFixture = (fixtures, io) => {
  fixtures
    .command('token')
    .description('issue a signed test access token (IUA JWT) and write the key and JWKS that verify it')
    .requiredOption('--key-dir <DIR>', 'folder of the signing key and jwks.json (created with a new key when empty)')
    .requiredOption('--aud <URL>', 'audience: the resource server the token is for')
    .addOption(new Option('--alg <ALG>', 'signature algorithm of a new key').choices(['RS256', 'ES256']).default('RS256'))
    .option('--iss <URL>', 'issuer', 'https://idp.mcwg.test')
    .option('--sub <ID>', 'subject (the user or system)', 'mcwg-test-user')
    .option('--scope <SCOPES>', "space-separated scopes, e.g. 'user/ImagingStudy.read'")
    .option('--patient <ID>', "patient the token is confined to (claim 'patient')")
    .option('--study <UID>', "study the token grants (claim 'study'); repeatable", collect, [])
    .option('--expires-in <SECONDS>', 'lifetime', seconds, 3600)
    .option('--expired', 'issue a token that expired two minutes ago')
    .addHelpText(
      'after',
      `
The token goes to stdout; the key (token-signing.key.pem, PKCS#8) and jwks.json stay in
--key-dir and are reused, so every token from one folder verifies against one JWKS: give
that jwks.json to a resource server (or our simulators' --auth-jwks).

Examples:
  mcwg fixtures token --key-dir out/iua --aud https://pacs.example.org/dicomweb \\
      --scope 'user/ImagingStudy.read' --patient 'PAT-4711^^^&1.2.3.4.5.6&ISO' --study 1.2.3.4.5.6.7.8.2001
  mcwg fixtures token --key-dir out/iua --aud https://pacs.example.org/dicomweb --patient OTHER-PATIENT
  mcwg fixtures token --key-dir out/iua --aud https://pacs.example.org/dicomweb --expired
  curl -H "Authorization: Bearer $(mcwg fixtures token --key-dir out/iua --aud https://mhd.example.org/fhir)" \\
      https://mhd.example.org/fhir/DocumentReference?patient=123`,
    )
    .action(async (o: TokenOpts) => {
      // Loaded here: jose is only needed by this command.
      const { loadOrCreateSigningKey, issueToken } = await import('../../simulators/auth/index.ts');
      let loaded;
      try {
        loaded = await loadOrCreateSigningKey(o.keyDir, o.alg);
      } catch (err) {
        throw new UsageError(`--key-dir ${o.keyDir}: ${(err as Error).message}`);
      }
      const token = await issueToken(
        loaded.key,
        {
          iss: o.iss,
          sub: o.sub,
          aud: o.aud,
          ...(o.scope ? { scope: o.scope } : {}),
          ...(o.patient ? { patient: o.patient } : {}),
          ...(o.study.length ? { study: o.study } : {}),
        },
        { expiresIn: o.expired ? -120 : o.expiresIn },
      );
      io.out(`${token}\n`);
      io.err(
        `${loaded.created ? 'new' : 'existing'} ${loaded.key.alg} key ${loaded.key.kid}; verify with ${join(o.keyDir, 'jwks.json')}\n`,
      );
    });
};
