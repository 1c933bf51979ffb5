// The reference Common Imaging Gateway environment: our simulators (registry + remote WADO-RS
// source with a remote study), the legacy PACS (Orthanc, scripts/orthanc-start.sh, free
// ports, own workdir) and the gateway in front of it, its HL7 and WADO-RS sides on mutual TLS
// from its own test PKI. The same PKI is the deployment's: the plan's TLS servers present its
// certificates, and the gateway's registry look-up goes to each of them over mutual TLS, verifying
// their certificates against the deployment CA (the initiator variants weaken that client).
// Needs the Orthanc peer.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startOrthanc } from '../../../../simulators/clients/orthanc-peer.ts';
import { GW } from '../ids.ts';
import { startPlanSimulators } from '../simulators.ts';
import type { RunningSut } from '../../../engine/plan-module.ts';
import type { SutProfile } from '../../../profiles/profile.ts';
import { referenceClientTls, referenceTls, tlsWeaknessOf } from '../../../reference-sut/reference-tls.ts';
import { TRAP_KEYS } from '../../common/initiator-tls.ts';
import { XDS_PATHS } from '../../../../simulators/xds/server.ts';
import type { DefectId } from './defects.ts';
import { GATEWAY_AET, startGateway } from './gateway.ts';

export const PLAN_ID = 'common-imaging-gateway';

export async function startReferenceGateway(opts: { dataDir: string; defect?: DefectId }): Promise<RunningSut & { problems(): string[] }> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    // TLS on (SEC-001, SEC-002) at the gateway's fronts; a TLS defect weakens one property.
    const tls = await referenceTls(join(opts.dataDir, 'pki'), tlsWeaknessOf(opts.defect));
    const simulators = await startPlanSimulators({ dataDir: opts.dataDir, sut: { tls: tls.profile } });
    for (const s of Object.values(simulators)) stops.push(() => s.stop());
    const orthanc = await startOrthanc();
    stops.push(() => orthanc.stop(true));
    const peer = JSON.parse(await readFile(join(orthanc.workdir, 'peer.json'), 'utf8')) as { dicomPort: number; aet: string };
    const pacs = { host: '127.0.0.1', port: Number(peer.dicomPort), aet: peer.aet, callingAet: GATEWAY_AET };
    // The PACS's configuration of its move destination: the gateway's C-STORE SCP.
    const announce = async (port: number) => {
      const r = await fetch(`${orthanc.url}/modalities/mcwggw`, {
        method: 'PUT',
        body: JSON.stringify({ AET: GATEWAY_AET, Host: '127.0.0.1', Port: port }),
      });
      if (!r.ok) throw new Error(`Orthanc refused the modality: HTTP ${r.status}`);
    };
    const gw = await startGateway({
      tls: tls.server,
      lookups: {
        registries: Object.values(TRAP_KEYS).flatMap((k) => (simulators[k] ? [`${simulators[k].url}${XDS_PATHS.registry}`] : [])),
        tls: referenceClientTls(tls.profile, opts.defect),
      },
      pacs,
      xdsUrl: simulators.xds!.url,
      dataDir: opts.dataDir,
      announce,
      ...(opts.defect ? { defect: opts.defect } : {}),
    });
    stops.push(() => gw.stop());
    const sut: SutProfile = {
      name: `mcwg reference Common Imaging Gateway${opts.defect ? ` (defect: ${opts.defect})` : ''}`,
      roles: ['Common Imaging Gateway'],
      options: ['XDS-I.b'],
      endpoints: { hl7: gw.hl7, wadoRs: gw.wadoBase, legacyPacs: `127.0.0.1:${pacs.port}` },
      aeTitles: { sut: GATEWAY_AET, legacyPacs: pacs.aet },
      patientIdDomains: [
        { name: 'national', issuer: GW.nationalOid, patients: [GW.nationalId] },
        { name: 'hospital', issuer: GW.localOid, patients: [GW.localId] },
      ],
      oids: { sourceId: '2.999.1.60' },
      tls: tls.profile,
    };
    let stopped: Promise<void> | undefined;
    return { sut, simulators, problems: () => [...gw.problems], stop: () => (stopped ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
