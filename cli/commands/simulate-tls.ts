// `--tls-cert/--tls-key/--tls-ca` on every `mcwg simulate` command: declared once here, turned
// into server options by simulators/tls (TLS 1.2 minimum, BCP 195 suites; mutual TLS with a CA).
import type { Command } from 'commander';
import type { TlsOptions } from 'node:tls';
import { TlsConfigError, tlsServerOptions, type TlsFlags } from '../../simulators/tls/options.ts';
import { UsageError } from '../errors.ts';

export function addTlsOptions<C extends Command>(cmd: C): C {
  cmd
    .option('--tls-cert <FILE>', 'PEM server certificate (chain): serve TLS (https://, mllps://)')
    .option('--tls-key <FILE>', 'PEM private key of --tls-cert')
    .option('--tls-ca <FILE>', 'PEM CA: require client certificates chaining to it (mutual TLS)');
  return cmd;
}

/** Server TLS options from the flags, undefined for plain TCP; a bad flag is a usage error (exit 2). */
export function tlsServerOf(o: TlsFlags): TlsOptions | undefined {
  try {
    return tlsServerOptions(o);
  } catch (err) {
    if (err instanceof TlsConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** `--auth-jwks FILE|URL` and `--auth-audience` on the REST simulators (IUA, SEC-005/006). */
export function addAuthOptions<C extends Command>(cmd: C): C {
  cmd
    .option('--auth-jwks <FILE|URL>', 'require Authorization: Bearer JWTs signed by a key of this JWKS (mcwg fixtures token writes one)')
    .option('--auth-audience <AUD>', 'the audience (aud) tokens must carry', 'mcwg');
  return cmd;
}

export async function authOf(o: {
  authJwks?: string;
  authAudience?: string;
}): Promise<import('../../simulators/auth/verify.ts').VerifierOptions | undefined> {
  if (!o.authJwks) return undefined;
  const { loadJwks } = await import('../../simulators/auth/verify.ts');
  try {
    return { keys: await loadJwks(o.authJwks), audience: o.authAudience ?? 'mcwg' };
  } catch (err) {
    throw new UsageError(`--auth-jwks ${o.authJwks}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
