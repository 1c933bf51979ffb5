// What the SUT viewer talks to: our WADO-RS source with one study (metadata and Part 10; the
// viewer reads the study from it) and our token issuer's key (the viewer trusts its JWKS,
// written to DATA/jwks.json and served at /jwks.json beside the source). Steps find both under
// `simulators.wado` and `simulators.idp`. Beside them, the TLS servers that check the viewer's
// reads of its source as a TLS client (../common/initiator-tls.ts; the valid one pipes to `wado`).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../../../model/exchange.ts';
import { buildStudy } from '../../../fixtures/builders/study.ts';
import { generateSigningKey, issueToken, JWKS_FILE, type SigningKey } from '../../../simulators/auth/index.ts';
import { startWadoRs } from '../../../simulators/wado-rs/index.ts';
import { withTlsTraps } from '../common/initiator-tls.ts';

export const ISSUER = 'https://idp.mcwg.test';
export const AUDIENCE = 'mcwg-iid';

export interface IdpSimulator extends Simulator {
  jwksFile: string;
  key: SigningKey;
  /** A bearer token for a clinician, valid for five minutes. */
  token(): Promise<string>;
}

export interface StudySource extends Simulator {
  studyUid: string;
  seriesCount: number;
  /** The study's Patient ID and accession, as a report's metadata would carry them (IID-004). */
  patientId: string;
  accessionNumber: string;
}

async function startSourceAndIssuer(opts: { dataDir: string }): Promise<Record<string, Simulator>> {
  const images = join(opts.dataDir, 'images');
  await mkdir(images, { recursive: true });
  const { study } = await buildStudy(images, { instances: 3, series: 2, rows: 8, columns: 8, seed: 'mcwg-iid-plan' });
  const wado = await startWadoRs({ dataDir: images });
  const { key } = await generateSigningKey('ES256');
  const jwksFile = join(opts.dataDir, JWKS_FILE);
  await writeFile(jwksFile, JSON.stringify(key.jwks, null, 1));
  const source: StudySource = {
    url: wado.base,
    exchanges: () => wado.exchanges(),
    stop: () => wado.stop(),
    studyUid: study.studyInstanceUid,
    seriesCount: study.series.length,
    patientId: study.patientId,
    accessionNumber: study.accessionNumber,
  };
  const idp: IdpSimulator = {
    url: ISSUER,
    exchanges: () => [],
    stop: async () => undefined,
    jwksFile,
    key,
    token: () => issueToken(key, { iss: ISSUER, sub: 'clinician-mcwg', aud: AUDIENCE }, { expiresIn: 300 }),
  };
  return { wado: source, idp };
}

export const startImageDisplaySimulators = withTlsTraps(startSourceAndIssuer, 'wado');
