// The reference report source (RIS): our MLLP sender with a conformant ORU^R01 final report
// of the plan's study with its IID viewer link (fixtures/builders/iid-reports.ts), sent in the background to our RIS
// receiver once started, as a real RIS would while the tester watches. With a defect
// (defects.ts) the report or its framing carries one mistake.
import net from 'node:net';
import { HL7_IDS } from '../../../../fixtures/builders/hl7-ids.ts';
import { encodeEr7, sendHl7 } from '../../../../simulators/ris/index.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { referenceReport, type DefectId } from './defects.ts';

export const PLAN_ID = 'report-source';

export async function startReferenceRis(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut> {
  const { defect } = opts;
  const simulators = await startPlanSimulators();
  const ris = simulators.ris!;
  const { hostname, port } = new URL(ris.url);
  const report = referenceReport('REF0001', defect);
  const sending = (
    defect === 'bad-mllp-framing'
      ? sendUnterminated(hostname, Number(port), encodeEr7(report))
      : sendHl7({ host: hostname, port: Number(port), timeoutMs: 10_000 }, [report]).then(() => undefined)
  ).catch(() => undefined);
  const sut: SutProfile = {
    name: `mcwg reference report source${defect ? ` (defect: ${defect})` : ''}`,
    roles: ['RIS'],
    // Its reports carry viewer links to a viewer hosted at the source (server-side viewer SSV1).
    options: ['SSV1'],
    endpoints: {},
    aeTitles: {},
    patientIdDomains: [{ name: 'hospital', issuer: HL7_IDS.localOid, namespace: HL7_IDS.localNamespace, patients: [HL7_IDS.localId] }],
    oids: {},
  };
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await sending;
    await ris.stop();
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
