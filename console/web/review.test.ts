// The monitor's side of the console, over a finished run: the work list (failed first), one
// claim at a time, decisions with a mandatory comment and a reason to override, the history,
// the label decision recomputed; the evidence viewer; the session exports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { verifyEvidence } from '../../reports/evidence/verify.ts';
import { EvidenceWriter } from '../../reports/evidence/writer.ts';
import { type Browser, type TestConsole, addUser, login, profileYaml, roleRun, startTestConsole } from './console-kit.test-kit.ts';

const SOAP = `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><s:Body><rim:ExtrinsicObject id="Doc1"><rim:Slot name="creationTime"><rim:ValueList><rim:Value>bad</rim:Value></rim:ValueList></rim:Slot><rim:Slot name="languageCode"/></rim:ExtrinsicObject></s:Body></s:Envelope>`;
const HL7 = 'MSH|^~\\&|RIS|HOSP|PACS|HOSP|20260101||ORU^R01|1|P|2.5.1\rPID|1||123^^^&1.2.3&ISO\rOBR|1|||||||||||||||||ACC-1\r';

let c: TestConsole;
let outDir: string;
let admin: Browser;
let vendor: Browser;
let mona: Browser;
let otto: Browser;
let sessionId: string;
let systemId: string;
let runId: string;
let failing: string;

beforeAll(async () => {
  c = await startTestConsole();
  for (const [n, r, o] of [
    ['admin', 'admin'],
    ['alice', 'vendor', 'Acme'],
    ['mona', 'monitor'],
    ['otto', 'monitor'],
  ] as const)
    await addUser(c.db, n, r, o);
  admin = await login(c.app, 'admin');
  vendor = await login(c.app, 'alice');
  mona = await login(c.app, 'mona');
  otto = await login(c.app, 'otto');
  sessionId = String(
    (await admin.post('/sessions', { name: 'Event "2027"', policy: 'suites/policies/mcwg-default.yaml' })).headers.location,
  )
    .split('/')
    .pop()!;
  systemId = String((await vendor.post(`/sessions/${sessionId}/systems`, { profile: profileYaml('Acme PACS') })).headers.location)
    .split('/')
    .pop()!;
  runId = String((await vendor.post(`/systems/${systemId}/runs`, { target: 'plan:wado-rs-source', reference: '1' })).headers.location)
    .split('/')
    .pop()!;
  expect((await c.queue.get(runId))!.reference).toBe(true);

  // A finished run with its evidence: a SOAP exchange the failing test's finding points into, and an HL7 one.
  outDir = mkdtempSync(join(tmpdir(), 'console-review-'));
  const { run, failingTest } = roleRun('WADO-RS Source', 'Acme PACS');
  failing = failingTest;
  const t = run.tests[0]!;
  t.steps[0]!.findings[0]!.location = { artefact: 'ex-1', path: "/Envelope/Body/ExtrinsicObject/Slot[@name='creationTime']" };
  t.steps[0]!.findings[0]!.evidence = ['ex-1'];
  t.steps[0]!.evidence = ['ex-1'];
  const w = new EvidenceWriter(join(outDir, 'evidence'));
  const ex = (id: string, transaction: string, body: string, contentType: string): Exchange => ({
    id,
    at: '2026-01-01T00:00:00Z',
    transaction,
    from: 'sut',
    to: 'simulator',
    request: { method: 'POST', url: '/xds/repository', contentType, size: body.length, body },
    response: { status: 200, contentType: 'text/plain', size: 2, body: 'ok' },
  });
  await w.addExchange(ex('ex-1', 'ITI-41', SOAP, 'application/soap+xml'));
  await w.addExchange(ex('ex-2', 'HL7 ORU^R01', HL7, 'application/hl7-v2'));
  const runJson = JSON.stringify(run);
  await w.finish(runJson);
  writeFileSync(join(outDir, 'report.html'), '<!doctype html><title>report</title><p>the report</p>');
  writeFileSync(join(outDir, 'junit.xml'), '<testsuites/>');
  await c.queue.complete(runId, { state: 'failed', summary: `failed: 1 of ${run.tests.length} tests failed`, runJson, outDir }, [
    { type: 'run-start', planId: 'wado-rs-source', total: 2 },
    { type: 'instructions', testId: failing, stepId: 's', transaction: 'RAD-107', text: 'Retrieve the study now', timeoutMs: 60000 },
    { type: 'test-end', testId: failing, state: 'fail', done: 1, total: 2 },
    { type: 'run-end', state: 'fail', incomplete: false },
  ]);
});

afterAll(async () => {
  await c.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('run page and progress', () => {
  it("streams the run's events over SSE and resumes after Last-Event-ID", async () => {
    const all = await c.app.inject({ method: 'GET', url: `/runs/${runId}/events`, headers: { cookie: vendor.cookie } });
    expect(all.headers['content-type']).toContain('text/event-stream');
    expect(all.body.match(/^event: progress$/gm)?.length).toBe(4);
    expect(all.body).toContain('"type":"instructions"');
    expect(all.body).toMatch(/event: state\ndata: \{"state":"failed","final":true/);
    const resumed = await c.app.inject({
      method: 'GET',
      url: `/runs/${runId}/events`,
      headers: { cookie: vendor.cookie, 'last-event-id': '2' },
    });
    expect(resumed.body.match(/^id: (\d+)$/gm)).toEqual(['id: 3', 'id: 4']);
  });

  it('shows the report links, the label decision and the tests, failed first', async () => {
    const page = await vendor.get(`/runs/${runId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`/runs/${runId}/files/report.html`);
    expect(page.body).toContain('outcome-refused');
    expect(page.body.indexOf(failing)).toBeLessThan(page.body.indexOf('t-', page.body.indexOf(failing) + failing.length));
    const report = await vendor.get(`/runs/${runId}/files/report.html`);
    expect(report.body).toContain('the report');
    expect(report.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('monitor work list', () => {
  it("lists the run's tests, failed first, and not to vendors", async () => {
    const page = await mona.get('/worklist');
    expect(page.status).toBe(200);
    const first = /href="\/runs\/[^/]+\/tests\/([^"]+)"/.exec(page.body)?.[1];
    expect(first).toBe(failing);
  });

  it('one monitor at a time; a comment always; a reason to override; every decision kept', async () => {
    const base = `/runs/${runId}/tests/${failing}`;
    expect((await mona.post(`${base}/decide`, { decision: 'verified', comment: 'looked' })).status).toBe(409);
    expect((await mona.post(`${base}/claim`, {})).status).toBe(200);
    const taken = await otto.post(`${base}/claim`, {});
    expect(taken.status).toBe(409);
    expect(taken.body).toContain('Another monitor');
    expect((await otto.post(`${base}/decide`, { decision: 'failed', comment: 'x' })).status).toBe(409);
    expect((await mona.post(`${base}/decide`, { decision: 'verified', comment: '' })).status).toBe(400);
    const noReason = await mona.post(`${base}/decide`, { decision: 'verified', comment: 'checked by hand' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('overrides it and needs a reason');
    const ok = await mona.post(`${base}/decide`, {
      decision: 'verified',
      comment: 'checked by hand',
      overrideReason: 'the timestamp format is accepted by the national profile',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Recorded: verified');
    // Decided: off the work list, and the history names who, what and over which previous state.
    expect((await mona.get('/worklist')).body).not.toContain(`tests/${failing}"`);
    expect((await otto.post(`${base}/claim`, {})).status).toBe(200);
    expect(
      (await otto.post(`${base}/decide`, { decision: 'partially-verified', comment: 'second look', overrideReason: 'half of it' })).status,
    ).toBe(200);
    const page = await vendor.get(base);
    expect(page.body).toMatch(/<td>otto<\/td><td>partially-verified<\/td><td>decision verified by mona<\/td>/);
    expect(page.body).toMatch(/<td>mona<\/td><td>verified<\/td><td>automatic fail<\/td><td>checked by hand<\/td>/);
  });

  it('recomputes the label from the decisions and says which changed it', async () => {
    const base = `/runs/${runId}/tests/${failing}`;
    // Latest decision partially verified: not refused any more, but incomplete.
    let run = await vendor.get(`/runs/${runId}`);
    expect(run.body).toContain('outcome-incomplete');
    expect(run.body).toContain('outcome from the automatic verdicts alone: refused');
    await mona.post(`${base}/claim`, {});
    await mona.post(`${base}/decide`, { decision: 'verified', comment: 'final', overrideReason: 'accepted' });
    run = await vendor.get(`/runs/${runId}`);
    expect(run.body).toContain('outcome-granted');
    expect(run.body).toContain(`${failing}: verified by mona (automatic verdict fail): final`);
    const session = await admin.get(`/sessions/${sessionId}`);
    expect(session.body).toMatch(/outcome-granted">granted<\/span> WADO-RS Source/);
  });
});

describe('evidence viewer', () => {
  it('lists the exchanges and shows what evidence verify says', async () => {
    const page = await vendor.get(`/runs/${runId}/evidence`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('ITI-41');
    expect(page.body).toContain('HL7 ORU^R01');
    const verify = await verifyEvidence(outDir);
    if (verify.ok) expect(page.body).toContain('every object matches');
    else expect(page.body).toContain(`${verify.mismatches.length} problem(s)`);
  });

  it("pretty-prints SOAP with the finding's XPath element marked", async () => {
    const page = await vendor.get(`/runs/${runId}/evidence/ex-1`);
    expect(page.status).toBe(200);
    const hits = [...page.body.matchAll(/<span class="hit">([^<]*(?:&lt;[^<]*)*)<\/span>/g)].map((m) => m[1]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain('creationTime');
    expect(page.body).not.toContain('<rim:Slot');
  });

  it('shows HL7 as fields, and the raw bytes as a download', async () => {
    const page = await vendor.get(`/runs/${runId}/evidence/ex-2`);
    expect(page.body).toContain('OBR-18');
    expect(page.body).toContain('ACC-1');
    const raw = await vendor.get(`/runs/${runId}/evidence/ex-2/request`);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    expect(raw.headers['content-disposition']).toContain('attachment');
    expect(raw.body).toBe(HL7);
  });
});

describe('session exports', () => {
  it('CSV: one row per test with the decision, and the label per role', async () => {
    const csv = await mona.get(`/sessions/${sessionId}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^kind,organisation,system,plan/);
    expect(lines.find((l) => l.includes(failing))).toMatch(/,fail,verified,mona,final,pass,$/);
    expect(lines.at(-1)).toMatch(/^label,Acme,Acme PACS,.*,granted$/);
    expect((await vendor.get(`/sessions/${sessionId}/export.csv`)).status).toBe(403);
  });

  it('JUnit: the reviewed results of every system', async () => {
    const xml = (await mona.get(`/sessions/${sessionId}/export.junit.xml`)).body;
    expect(xml).toContain('<testsuites name="Event &#34;2027&#34;">');
    expect(xml).toContain('<testsuite name="Acme PACS · ');
    expect(xml).not.toContain('<failure');
  });

  it('evidence: a tar of each run folder with SHA256SUMS', async () => {
    const res = await c.app.inject({ method: 'GET', url: `/sessions/${sessionId}/evidence.tar`, headers: { cookie: mona.cookie } });
    const tar = res.rawPayload;
    const names: string[] = [];
    const files = new Map<string, Buffer>();
    for (let at = 0; at + 512 <= tar.length; ) {
      const h = tar.subarray(at, at + 512);
      if (h.every((b) => b === 0)) break;
      const field = (o: number, n: number) => h.toString('utf8', o, o + n).replace(/\0.*$/s, '');
      const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
      const size = parseInt(field(124, 12), 8);
      names.push(name);
      files.set(name, tar.subarray(at + 512, at + 512 + size));
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names.some((n) => n.endsWith('/evidence/manifest.json'))).toBe(true);
    expect(names.some((n) => n.endsWith('/report.html'))).toBe(true);
    const sums = files.get(names.find((n) => n.endsWith('/SHA256SUMS'))!)!.toString();
    const { createHash } = await import('node:crypto');
    for (const row of sums.trim().split('\n')) {
      const [hash, name] = row.split('  ');
      const body = files.get(names.find((n) => n.endsWith(`/${name}`))!)!;
      expect(createHash('sha256').update(body).digest('hex'), name).toBe(hash);
    }
  });
});
