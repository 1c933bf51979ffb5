// The reference report source (RIS): our MLLP sender with a conformant ORU^R01 final report
// of the plan's study with its IID viewer link (fixtures/builders/iid-reports.ts), sent in the
// background to our RIS receiver once started, as a real RIS would while the tester watches;
// then the same report again over MLLP with TLS (mllps://) to each of the plan's TLS servers
// (unknown CA, expired, valid, TLS 1.0/1.1 only), verifying their certificates against its
// deployment CA and presenting its own (mutual TLS) as a client must. With a defect
// (defects.ts) the report, its framing or its TLS carries one mistake.
import net from 'node:net';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { HL7_IDS } from '../../../../fixtures/builders/hl7-ids.ts';
import { encodeEr7, sendHl7 } from '../../../../simulators/ris/index.ts';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { referenceTls } from '../../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { startPlanSimulators } from '../simulators.ts';
import { referenceReport, type DefectId } from './defects.ts';

export const PLAN_ID = 'report-source';

export async function startReferenceRis(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { defect } = opts;
  // The deployment PKI: the plan's TLS servers present its certificates, the RIS trusts its CA.
  const tls = (await referenceTls(join(opts.dataDir, 'pki'))).profile;
  const sut: SutProfile = {
    name: `mcwg reference report source${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['RIS'],
    // Its reports carry viewer links to a viewer hosted at the source (server-side viewer SSV1).
    options: ['SSV1'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'hospital', issuer: HL7_IDS.localOid, namespace: HL7_IDS.localNamespace, patients: [HL7_IDS.localId] }],
    oids: {},
    tls,
  };
  const simulators = await startPlanSimulators({ sut });
  const stopSims = async () => {
    for (const s of Object.values(simulators)) await s.stop().catch(() => undefined);
  };
  const ris = simulators.ris!;
  const { hostname, port } = new URL(ris.url);
  const report = referenceReport('REF0001', defect);
  const clientTls: ConnectionOptions = {
    ...tlsClientOptions({ tlsCa: tls.ca, tlsCert: tls.client!.cert, tlsKey: tls.client!.key }),
    servername: tls.servername!,
    // The defects: any server certificate will do (SEC-002); TLS 1.0 and 1.1 will do (SEC-001).
    ...(defect === 'accepts-any-server-cert' ? { rejectUnauthorized: false } : {}),
    ...(defect === 'accepts-legacy-tls' ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
  };
  const sending = (async () => {
    if (defect === 'bad-mllp-framing') await sendUnterminated(hostname, Number(port), encodeEr7(report));
    else await sendHl7({ host: hostname, port: Number(port), timeoutMs: 10_000 }, [report]);
    // Again over TLS, to each of the plan's TLS servers in the order its steps ask.
    for (const key of Object.values(TRAP_KEYS)) {
      const trap = new URL(simulators[key]!.url);
      await sendHl7({ host: trap.hostname, port: Number(trap.port), timeoutMs: 10_000, tls: clientTls }, [report]);
    }
  })().catch(() => undefined);
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await sending;
    await stopSims();
  };
  return { sut, simulators, stop: () => (stopped ??= stop()) };
}

/** Start block and message, then the connection closes: no 0x1C 0x0D end block. */
function sendUnterminated(host: string, port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port }, () => s.end(Buffer.concat([Buffer.from([0x0b]), bytes])));
    s.on('error', () => resolve());
    s.on('close', () => resolve());
    s.resume();
  });
}
