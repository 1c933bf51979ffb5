// A report source we did not write: python3-hl7's `mllp_send` (Debian) sends the report through
// the report-source plan, with the accession where the deployment agreed to put it (RIS-006).
// Each run passes; the same report under the wrong setting fails RIS-006/LINK-003.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HL7_IDS } from '../../../fixtures/builders/hl7-ids.ts';
import { oruR01 } from '../../../fixtures/builders/hl7-messages.ts';
import { withField } from '../../../fixtures/builders/hl7-variants.ts';
import { oruWithIidLinks } from '../../../fixtures/builders/iid-reports.ts';
import { peerAvailable } from '../../../fixtures/peers.ts';
import { frameMllp } from '../../../protocols/hl7v2/mllp-framer.ts';
import { runPlan } from '../../engine/run-plan.ts';
import { sut, TOOL } from '../../engine/scripted.ts';
import type { SutProfile } from '../../profiles/profile.ts';
import { reportSourcePlan } from './index.ts';
import { startPlanSimulators } from './simulators.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-report-source-'));

async function runWithMllpSend(profile: SutProfile, report: string) {
  const simulators = await startPlanSimulators({ sut: profile });
  try {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.mllp`);
    writeFileSync(file, frameMllp(Buffer.from(report, 'utf8')));
    const port = new URL(simulators.ris!.url).port;
    const [run, sent] = await Promise.all([
      runPlan(reportSourcePlan({ waitMs: 30_000 }), { sut: profile, tool: TOOL, simulators }),
      // Async spawn: a sync one would block the event loop our receiver runs on.
      new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
        const p = spawn('mllp_send', ['-p', port, '-f', file, '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
        p.on('error', reject);
        p.on('close', (code) => resolve({ code, stdout }));
      }),
    ]);
    return { run, sent };
  } finally {
    await simulators.ris!.stop();
  }
}

// Plain MLLP (no tls section in the profile): the TLS tests are not tested here; over
// mllps:// they are (mllps-peer.int.test.ts).
const PLAIN = { 'ris.tls.client-version': 'skip', 'ris.tls.server-certificate': 'skip' };
const states = (run: Awaited<ReturnType<typeof runPlan>>) => Object.fromEntries(run.tests.map((t) => [t.id, t.state]));
const failed = (run: Awaited<ReturnType<typeof runPlan>>) =>
  run.requirements
    .filter((r) => r.state === 'fail')
    .map((r) => r.id)
    .sort();

describe.skipIf(!peerAvailable('mllp_send'))('report-source plan with python3-hl7 mllp_send as the RIS', () => {
  test("accession in OBR-3 (EI with issuer), the deployment's field: every test passes, ACK AA", async () => {
    const profile = sut({ roles: ['RIS'], hl7: { accessionField: 'OBR-3' } });
    const report = withField(withField(oruR01(), 'OBR-3', `${HL7_IDS.accession}^^${HL7_IDS.accessionOid}^ISO`), 'OBR-18', '');
    const { run, sent } = await runWithMllpSend(profile, report);
    expect(sent.stdout).toMatch(/MSA\|AA\|MSG0001/);
    expect(states(run)).toEqual({ ...PLAIN, 'ris.report': 'pass', 'ris.content': 'pass', 'ris.linkage': 'pass', 'ris.iid-links': 'omit' });
  });

  test("accession alone in OBR-18 (ST, v2.5.1) with the deployment's agreed issuer: passes", async () => {
    const profile = sut({ roles: ['RIS'], hl7: { accessionIssuerOid: HL7_IDS.accessionOid } });
    const { run, sent } = await runWithMllpSend(profile, withField(oruR01(), 'OBR-18', HL7_IDS.accession));
    expect(sent.stdout).toMatch(/MSA\|AA\|MSG0001/);
    expect(states(run)).toEqual({ ...PLAIN, 'ris.report': 'pass', 'ris.content': 'pass', 'ris.linkage': 'pass', 'ris.iid-links': 'omit' });
  });

  test('the OBR-3 report under the default setting (OBR-18) fails on the accession: RIS-006 and LINK-003', async () => {
    const report = withField(withField(oruR01(), 'OBR-3', `${HL7_IDS.accession}^^${HL7_IDS.accessionOid}^ISO`), 'OBR-18', '');
    const { run, sent } = await runWithMllpSend(sut({ roles: ['RIS'] }), report);
    expect(sent.stdout).toMatch(/MSA\|AE\|MSG0001/);
    expect(failed(run)).toEqual(expect.arrayContaining(['LINK-003', 'RIS-006']));
  });

  test('SSV1: a report with one IID viewer link (OBX RP) per study passes the link checks; without it, IID-001 fails', async () => {
    const profile = sut({ roles: ['RIS'], options: ['SSV1'] });
    const linked = await runWithMllpSend(profile, oruWithIidLinks({ twoStudies: true }));
    expect(linked.sent.stdout).toMatch(/MSA\|AA\|MSG0001/);
    expect(states(linked.run)['ris.iid-links']).toBe('pass');
    const bare = await runWithMllpSend(profile, oruR01());
    expect(failed(bare.run)).toEqual(['IID-001']);
  });
});
