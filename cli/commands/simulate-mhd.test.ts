import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { findDocumentReferences } from '../../simulators/clients/mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../simulators/clients/mhd-source.ts';
import { mhdConfig } from '../../simulators/mhd/config.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** `mcwg simulate mhd ARGS` until it prints its endpoints: TRANSACTION URL lines. */
function spawnMhd(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulate', 'mhd', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  let out = '';
  return new Promise<{ endpoints: Map<string, string>; stop: () => Promise<number | string> }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^CapabilityStatement \S+$/m.test(out)) {
        const endpoints = new Map(
          out
            .trim()
            .split('\n')
            .map((l) => l.split(' ') as [string, string]),
        );
        resolve({ endpoints, stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
    void exited.then((code) => reject(new Error(`simulate mhd exited (${code}) before printing its endpoints`)));
  });
}

describe('mcwg simulate mhd', () => {
  test('prints TRANSACTION URL lines, stops on SIGTERM with 0 and keeps its data', async () => {
    const data = mkdtempSync(join(tmpdir(), 'mcwg-sim-mhd-'));
    const args = ['--data', data, '--patient', FIXTURE.patientId];
    const first = await spawnMhd(args);
    expect([...first.endpoints.keys()]).toEqual(['ITI-65', 'ITI-66', 'ITI-67', 'ITI-68', 'CapabilityStatement']);
    const sent = await provideDocumentBundle(
      first.endpoints.get('ITI-65')!,
      bundleFromSubmission(conformantSubmission(), mhdConfig().systems),
      () => undefined,
    );
    expect(sent.status).toBe(200);
    expect(await first.stop()).toBe(0);
    const second = await spawnMhd(args);
    const found = await findDocumentReferences(
      second.endpoints.get('ITI-65')!,
      { 'patient.identifier': 'urn:oid:1.2.3.4.5.6.2|PAT-0001', status: 'current' },
      () => undefined,
    );
    expect(found.resource?.total).toBe(1);
    expect(await second.stop()).toBe(0);
  }, 60_000);

  test('--max-entries N refuses a larger ITI-65 Bundle with 413 too-costly naming the limit and the flag; --help explains it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'mcwg-sim-mhd-'));
    const sim = await spawnMhd(['--data', data, '--accept-any-patient', '--max-entries', '2']);
    const bundle = bundleFromSubmission(conformantSubmission(), mhdConfig().systems);
    expect(bundle.entry!.length).toBeGreaterThan(2);
    const res = await fetch(sim.endpoints.get('ITI-65')!, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    const outcome = (await res.json()) as { issue: { code: string; diagnostics: string }[] };
    expect(res.status).toBe(413);
    expect(outcome.issue[0]).toMatchObject({ code: 'too-costly' });
    expect(outcome.issue[0]!.diagnostics).toContain('at most 2 per ITI-65');
    expect(outcome.issue[0]!.diagnostics).toContain('--max-entries');
    expect(await sim.stop()).toBe(0);
    const help = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'simulate', 'mhd', '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/--max-entries <N>[\s\S]*413[\s\S]*too-costly[\s\S]*default: "2000"/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'simulate', 'mhd', '--max-entries', '0'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--max-entries 0: expected an integer from 1 to 1000000');
  }, 90_000);
});
