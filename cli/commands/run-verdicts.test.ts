// `mcwg run` against a SUT our side cannot reach exits 3 (2 for an unedited template), and
// its console summary says per failed requirement why, and per role why the label is not
// granted, one line each.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import type { RunModel } from '../../model/run.ts';
import { callSoap } from '../../simulators/clients/xds-soap.ts';
import { definePlan, defineStep, type PlanDef } from '../../suites/engine/dsl.ts';
import { finding, pickIds } from '../../suites/engine/scripted.ts';
import { parseSutProfile } from '../../suites/profiles/profile.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { sampleRun } from '../../reports/sample-run.ts';
import { placeholderEndpoints, summaryLines } from './run-execute.ts';
import { runCommand, type RunDeps } from './run.ts';

const R = pickIds();
const root = mkdtempSync(join(tmpdir(), 'mcwg-run-verdicts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/** One test that queries the SUT's registry, as the registry plan does. */
const queryPlan: PlanDef = definePlan({
  id: 'demo',
  version: '1.0.0',
  title: 'Demo',
  groups: [
    {
      id: 'g',
      title: 'G',
      actor: 'Imaging Document Source',
      tests: [
        {
          id: 'query',
          title: 'query',
          verifies: [R.a],
          steps: [
            defineStep({
              id: 'ask',
              title: 'ask',
              verifies: [],
              async run(ctx) {
                const seen: Exchange[] = [];
                const res = await callSoap(
                  { url: ctx.sut.endpoints.registry!, action: 'urn:x', transaction: 'ITI-18', bodyXml: '<q/>' },
                  (e) => void seen.push(e),
                );
                for (const e of seen) await ctx.evidence.exchange(e);
                return ctx.fromFindings(res.ok ? [] : [finding([R.a])]);
              },
            }),
          ],
        },
      ],
    },
  ],
});
const deps: RunDeps = { plans: { demo: async () => queryPlan }, references: {} };

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('mcwg run and an unreachable SUT', () => {
  test('a refused endpoint is error: exit 3, the label incomplete (never refused), the endpoint named', async () => {
    const port = await closedPort();
    const sut = join(root, 'closed.yaml');
    writeFileSync(
      sut,
      `name: Closed PACS\nroles: [Imaging Document Source]\noptions: [XDS-I.b]\nendpoints:\n  registry: http://127.0.0.1:${port}/xds/registry\n`,
    );
    const out = join(root, 'closed');
    const io = capture();
    expect(await runCommand('demo', { sut, out, concurrency: '1' }, io, deps)).toBe(3);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunModel;
    expect(run.tests[0]).toMatchObject({
      state: 'error',
      message: `our side could not reach http://127.0.0.1:${port}/xds/registry: ECONNREFUSED (connection refused)`,
    });
    expect(run.labels?.map((l) => l.outcome)).toEqual(['incomplete']);
    expect(io.stdout).toContain(
      `  error ${R.a} (SHALL) ${run.requirements.find((r) => r.id === R.a)?.title ?? '?'}: our side could not reach http://127.0.0.1:${port}/xds/registry: ECONNREFUSED (connection refused) [query]`,
    );
    expect(io.stdout).toContain(`    ${R.a} (SHALL) ended in error (our side could not judge): re-run needed`);
  });

  test("an unedited template's placeholder host is a usage error (exit 2) before anything runs", async () => {
    const sut = join(root, 'template.yaml');
    writeFileSync(
      sut,
      'name: PACS\nroles: [Imaging Document Source]\nendpoints:\n  registry: https://registry.example.org/xds/registry\n  dimse: pacs.example.org:104\n',
    );
    const err = await runCommand('demo', { sut, out: join(root, 'tpl'), concurrency: '1' }, capture(), deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      `${sut}: the profile still names a template's placeholder host (edit it to the SUT's real address): endpoints.registry: https://registry.example.org/xds/registry; endpoints.dimse: pacs.example.org:104`,
    );
    expect(
      placeholderEndpoints(
        parseSutProfile(
          'name: X\nroles: [RIS]\nendpoints:\n  hl7: mllp://ris.hospital.org:2575\n  wadoRs: http://127.0.0.1:8042/dicom-web\n',
        ),
      ),
    ).toEqual([]);
  });
});

describe('console summary', () => {
  test('one line per failed requirement with its reason, and per role why the label is not granted', () => {
    const run = {
      plan: { id: 'demo' },
      sut: { name: 'PACS', roles: ['Imaging Document Source', 'WADO-RS Source'] },
      state: 'fail',
      incomplete: false,
      counts: { pass: 1, fail: 1, skip: 0, omit: 0, error: 0, wait: 0 },
      tests: [
        {
          id: 'kos',
          state: 'fail',
          reqIds: [R.a],
          findings: [],
          steps: [{ state: 'fail', reqIds: [R.a], findings: [{ ...finding([R.a]), message: 'Retrieve URL (0008,1190)\nmissing' }] }],
        },
      ],
      requirements: [
        { id: R.a, level: 'SHALL', title: 'Retrieve URL on every series', state: 'fail' },
        { id: R.b, level: 'SHALL', state: 'pass' },
      ],
      relaxations: ['localTestSetup: loopback http accepted'],
      labels: [
        {
          policy: { id: 'p', version: '1.0.0' },
          role: 'Imaging Document Source',
          outcome: 'not-eligible',
          required: [],
          reasons: ['not eligible: localTestSetup: loopback http accepted', `${R.a} (SHALL) failed`, 'waiver X: y [applied]'],
        },
        {
          policy: { id: 'p', version: '1.0.0' },
          role: 'WADO-RS Source',
          outcome: 'granted',
          required: [],
          reasons: ['warning: something'],
        },
      ],
    } as unknown as RunModel;
    expect(summaryLines(run, '/out')).toEqual([
      'demo against PACS: fail',
      '  tests: 1 pass, 1 fail, 0 error, 0 skip, 0 omit, 0 wait',
      `  failed ${R.a} (SHALL) Retrieve URL on every series: Retrieve URL (0008,1190) missing [kos]`,
      '  relaxed: localTestSetup: loopback http accepted',
      '  label (p 1.0.0, Imaging Document Source): not-eligible',
      '    not eligible: localTestSetup: loopback http accepted',
      `    ${R.a} (SHALL) failed`,
      '  label (p 1.0.0, WADO-RS Source): granted',
      '  reports: /out (run.json, junit.xml, report.html, summary.csv, evidence/)',
    ]);
  });

  test("names an error test's own message, counts further findings, and merges a role's untested requirements into one line", () => {
    const sample = sampleRun();
    const lines = summaryLines(sample, '/out');
    // The sample's IDs by their role in it (named here, they would count as coverage of those requirements).
    const errored = sample.requirements.find((r) => r.state === 'error')!;
    const failed = sample.requirements.find((r) => r.state === 'fail' && r.errors > 0)!;
    // xds.provide-register has no step: the reason is the test's message.
    expect(lines).toContain(
      `  error ${errored.id} (SHALL) Provide and Register over SOAP 1.2 with MTOM/XOP: repository simulator stopped: ECONNRESET [xds.provide-register]`,
    );
    const twice = sampleRun();
    twice.tests[1]!.findings.push({ ...twice.tests[1]!.findings[0]!, message: 'Retrieve URL missing in series 3' });
    expect(summaryLines(twice, '/out')).toContain(
      `  failed ${failed.id} (SHALL) Retrieve URL on every series: Retrieve URL (0008,1190) missing in series 2 [kos.retrieve-url] (+1 more in report.html)`,
    );
    const untested = sampleRun();
    untested.labels![0]!.reasons = ['A-1 (SHALL) was not tested', 'A-2 (SHALL) was not tested', 'A-3 (SHALL) was not tested'];
    expect(summaryLines(untested, '/out')).toContain('    3 SHALL requirements were not tested: A-1, A-2, A-3');
  });
});
