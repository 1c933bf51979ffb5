import type { DocumentReference } from 'fhir/r4.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { DE, externalIdOf, STATUS, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import { withFreshIds } from '../../simulators/clients/fresh-ids.ts';
import { findDocumentReferences, resourcesOf, retrieveDocument } from '../../simulators/clients/mhd-consumer.ts';
import { bundleFromSubmission, provideDocumentBundle } from '../../simulators/clients/mhd-source.ts';
import { param, storedQuery } from '../../simulators/clients/xds-consumer.ts';
import { provideAndRegister } from '../../simulators/clients/xds-source.ts';
import { mhdConfig } from '../../simulators/mhd/config.ts';
import { QUERY } from '../../simulators/xds/stored-query.ts';
import { runCli } from '../program.ts';
import { captureIo } from '../test-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-sim-xds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `mcwg simulate xds ARGS` in-process until its last endpoint line is printed. */
async function simulate(args: string[], lastLine: RegExp) {
  const io = captureIo();
  const listeners = process.listenerCount('SIGTERM');
  const exit = runCli(['simulate', 'xds', '--data', dir, '--patient', FIXTURE.patientId, ...args], io);
  let early: number | undefined;
  void exit.then((c) => (early = c));
  while (!lastLine.test(io.stdout.join('')) && early === undefined) await new Promise((r) => setTimeout(r, 10));
  if (early !== undefined) throw new Error(`simulate xds exited ${early}: ${io.stderr.join('')}`);
  const endpoints = new Map(
    io.stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  return { io, endpoints, listeners, stop: () => (process.emit('SIGTERM'), exit) };
}

const uidOf = (req: SubmitObjectsRequest) => externalIdOf(req.objects.documentEntries[0]!, DE.uniqueId)!.value;

describe('mcwg simulate xds --mhd', () => {
  test('serves MHD beside XDS on one store: ITI-41 -> ITI-67/68 and ITI-65 -> ITI-18; stops on SIGTERM', async () => {
    const sim = await simulate(['--mhd'], /^CapabilityStatement \S+$/m);
    expect([...sim.endpoints.keys()]).toEqual([
      'ITI-18',
      'ITI-42',
      'ITI-41',
      'RAD-68',
      'ITI-43',
      'RAD-69',
      'ITI-65',
      'ITI-66',
      'ITI-67',
      'ITI-68',
      'CapabilityStatement',
    ]);
    // One server, one port: the DESIGN.md paths side by side.
    const urls = [...sim.endpoints.values()].map((u) => new URL(u));
    expect(new Set(urls.map((u) => u.port)).size).toBe(1);
    expect(urls.map((u) => u.pathname)).toEqual(expect.arrayContaining(['/xds/registry', '/xds/repository', '/fhir', '/fhir/metadata']));
    const fhir = sim.endpoints.get('ITI-65')!;
    const patient = 'urn:oid:1.2.3.4.5.6.2|PAT-0001';

    const viaXds = withFreshIds(conformantSubmission(), `2.25.${Date.now()}1`);
    expect((await provideAndRegister(sim.endpoints.get('ITI-41')!, viaXds, () => undefined)).response?.status).toBe(STATUS.success);
    const found = await findDocumentReferences(fhir, { 'patient.identifier': patient, status: 'current' }, () => undefined);
    const dr = resourcesOf<DocumentReference>(found.resource, 'DocumentReference').find(
      (d) => d.masterIdentifier?.value === `urn:oid:${uidOf(viaXds)}`,
    );
    expect(dr).toBeDefined();
    const doc = await retrieveDocument(dr!.content[0]!.attachment.url!, () => undefined);
    expect(doc.data).toEqual(Buffer.from(viaXds.documents![0]!.content!));

    const viaMhd = withFreshIds(conformantSubmission(), `2.25.${Date.now()}2`);
    expect((await provideDocumentBundle(fhir, bundleFromSubmission(viaMhd, mhdConfig().systems), () => undefined)).status).toBe(200);
    const query = await storedQuery(
      sim.endpoints.get('ITI-18')!,
      QUERY.FindDocuments,
      [param('$XDSDocumentEntryPatientId', FIXTURE.patientId), param('$XDSDocumentEntryStatus', STATUS.approved)],
      () => undefined,
    );
    expect(query.response!.objects.documentEntries.map((d) => externalIdOf(d, DE.uniqueId)?.value)).toEqual(
      expect.arrayContaining([uidOf(viaXds), uidOf(viaMhd)]),
    );

    expect(await sim.stop()).toBe(0);
    expect(sim.io.stderr.join('')).toContain('xds: stopped');
    expect(process.listenerCount('SIGTERM')).toBe(sim.listeners);
  }, 60_000);

  test('without --mhd only the XDS endpoints are served, and the store kept what MHD received', async () => {
    const sim = await simulate([], /^RAD-69 \S+$/m);
    expect(sim.io.stdout.join('')).not.toContain('ITI-65');
    const query = await storedQuery(
      sim.endpoints.get('ITI-18')!,
      QUERY.FindDocuments,
      [param('$XDSDocumentEntryPatientId', FIXTURE.patientId), param('$XDSDocumentEntryStatus', STATUS.approved)],
      () => undefined,
    );
    expect(query.response!.objects.documentEntries).toHaveLength(2);
    expect(await sim.stop()).toBe(0);
  }, 60_000);

  test('--max-entries N refuses a larger ITI-41 with XDSRepositoryError naming the limit and the flag, nothing stored; --help explains it', async () => {
    const sim = await simulate(['--accept-any-patient', '--max-entries', '2'], /^RAD-69 \S+$/m);
    const big = await provideAndRegister(sim.endpoints.get('ITI-41')!, withFreshIds(conformantSubmission(3), '2.25.4103'), () => undefined);
    expect(big.response?.status).toBe(STATUS.failure);
    const refusal = big.response?.errors[0];
    expect(refusal).toMatchObject({ errorCode: 'XDSRepositoryError' });
    expect(refusal?.codeContext).toContain('has 3 DocumentEntries; this simulator takes at most 2');
    expect(refusal?.codeContext).toContain('--max-entries');
    const small = await provideAndRegister(
      sim.endpoints.get('ITI-41')!,
      withFreshIds(conformantSubmission(2), '2.25.4104'),
      () => undefined,
    );
    expect(small.response?.status).toBe(STATUS.success);
    const query = await storedQuery(
      sim.endpoints.get('ITI-18')!,
      QUERY.GetDocuments,
      [param('$XDSDocumentEntryUniqueId', '2.25.4103.2', '2.25.4104.2')],
      () => undefined,
    );
    expect(query.response!.objects.documentEntries.map((d) => externalIdOf(d, DE.uniqueId)!.value)).toEqual(['2.25.4104.2']);
    expect(await sim.stop()).toBe(0);
    const help = captureIo();
    await runCli(['simulate', 'xds', '--help'], help);
    expect(help.stdout.join('')).toMatch(
      /--max-entries <N>[\s\S]*XDSRepositoryError[\s\S]*XDSRegistryError[\s\S]*413[\s\S]*default: "2000"/,
    );
  }, 60_000);

  test('a bad --mhd-port is a usage error, nothing started', async () => {
    const io = captureIo();
    expect(await runCli(['simulate', 'xds', '--data', dir, '--mhd', '--mhd-port', '70000'], io)).toBe(2);
    expect(io.stderr.join('')).toBe('mcwg: --mhd-port 70000: expected an integer from 0 to 65535\n');
  });
});
