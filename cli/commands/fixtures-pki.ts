// `mcwg fixtures pki DIR`: a test PKI for TLS and mutual-TLS checks (SEC-001, SEC-002).
import { parseNodeSpec, WRONG_HOST, type PkiNode } from '../../fixtures/builders/pki-nodes.ts';
import { UsageError } from '../errors.ts';
import type { RegisterFixture } from './fixtures.ts';

function collectNode(spec: string, prev: PkiNode[]): PkiNode[] {
  try {
    return [...prev, parseNodeSpec(spec)];
  } catch (err) {
    throw new UsageError(`--node ${spec}: ${(err as Error).message}`);
  }
}

export const registerFixturesPki: RegisterFixture = (fixtures, io) => {
  fixtures
    .command('pki')
    .description('write a test PKI as PEM: deployment CA, node certificates, and expired, unknown-CA and wrong-host ones')
    .argument('<DIR>', 'folder to write (created when missing)')
    .option(
      '--node <NAME[=HOST,HOST]>',
      'a node certificate (server and client auth) for NAME; repeatable (default: server, client)',
      collectNode,
      [],
    )
    .addHelpText(
      'after',
      `
Every node certificate names localhost and 127.0.0.1 plus the hosts given, is valid for a
year and for both TLS server and client authentication. Keys are PKCS#8 PEM (mode 600).

Files written:
  ca.crt.pem / ca.key.pem                 the deployment CA: give it to --tls-ca
  NODE.crt.pem / NODE.key.pem             one pair per --node: give them to --tls-cert/--tls-key
  expired.crt.pem                         issued by the CA, expired yesterday
  untrusted.crt.pem                       valid, but issued by unknown-ca.crt.pem
  wrong-host.crt.pem                      issued by the CA for ${WRONG_HOST} only

Examples:
  mcwg fixtures pki out/pki
  mcwg fixtures pki out/pki --node registry=registry.example.org --node pacs=10.0.0.5,pacs.local
  mcwg simulate xds --tls-cert out/pki/server.crt.pem --tls-key out/pki/server.key.pem --tls-ca out/pki/ca.crt.pem
  openssl verify -CAfile out/pki/ca.crt.pem out/pki/client.crt.pem`,
    )
    .action(async (dir: string, o: { node: PkiNode[] }) => {
      // Loaded here: the X.509 library is only needed by this command.
      const { writePki } = await import('../../fixtures/builders/pki.ts');
      const pki = await writePki(dir, o.node.length ? o.node : undefined);
      for (const name of Object.keys(pki.nodes)) io.out(`${dir}/${name}.crt.pem\n`);
      io.err(`test PKI in ${dir}: CA, ${Object.keys(pki.nodes).length} node certificate(s), expired, untrusted, wrong-host\n`);
    });
};
