import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { StudyJson } from '../../fixtures/builders/study-json.ts';
import { startWadoRs, type WadoRsSimulator } from '../wado-rs/index.ts';
import { manifestFromStudyJson } from './study-manifest.ts';
import { checkWadoRs } from './wado-rs.ts';
import { probeWadoRs } from './wado-rs-probe.ts';
import { checkWadoRsNegotiation } from './wado-rs-negative.ts';

let dir: string;
let study: StudyJson;
let sim: WadoRsSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcwg-wado-client-'));
  study = (await buildStudy(dir, { instances: 6, series: 2, rows: 64, columns: 64, seed: 'client' })).study;
  sim = await startWadoRs({ dataDir: dir });
});
afterAll(async () => {
  await sim?.stop();
  await rm(dir, { recursive: true, force: true });
});

const ids = (fs: { ruleId: string; severity: string }[]) => fs.filter((f) => f.severity === 'error').map((f) => f.ruleId);

describe('WADO-RS client checks against our simulator', () => {
  test('a conformant source gives zero findings at every level, with evidence of each exchange', async () => {
    sim.setFaults({});
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: manifestFromStudyJson(study) });
    expect(res.findings).toEqual([]);
    expect(res.exchanges).toHaveLength(1 + 2 + 2);
    expect(res.exchanges[0]).toMatchObject({ transaction: 'RAD-107', response: { summary: 'HTTP 200' } });
    expect(res.exchanges[0]?.response?.size).toBeGreaterThan(6 * 64 * 64 * 2);
  });

  test('flags a referenced instance the source does not return, and a wrong patient', async () => {
    const m = manifestFromStudyJson(study);
    m.patient.id = 'OTHER';
    m.series[0]!.instances.push({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.999' });
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: m, levels: ['study'] });
    expect(ids(res.findings)).toContain('wado.instances.missing');
    expect(res.findings.find((f) => f.ruleId === 'wado.instances.missing')).toMatchObject({
      reqIds: ['WADO-001'],
      location: { path: '(0008,1199) 1.2.3.999' },
    });
    expect(res.findings.filter((f) => f.ruleId === 'wado.uids.patient')).toHaveLength(6);
  });

  test('gateway arrangement: images with the local ID, manifest with the national ID and the local one in (0010,1002): zero findings (GW-010, KOS-033)', async () => {
    const m = manifestFromStudyJson(study);
    m.otherPatientIds = [{ id: 'NAT-77', issuerOid: '1.2.250.1.213.1.4.8' }, { ...m.patient }];
    m.patient = { id: 'NAT-77', issuer: 'NATIONAL', issuerOid: '1.2.250.1.213.1.4.8' };
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: m, levels: ['study'] });
    expect(res.findings).toEqual([]);
  });

  test('the local ID under another issuer is still a wrong patient, once per instance', async () => {
    const m = manifestFromStudyJson(study);
    m.otherPatientIds = [{ id: m.patient.id, issuer: 'SOME-OTHER-HOSPITAL' }];
    m.patient = { id: 'NAT-77', issuer: 'NATIONAL' };
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: m, levels: ['study'] });
    const wrong = res.findings.filter((f) => f.ruleId === 'wado.uids.patient');
    expect(wrong).toHaveLength(6);
    expect(wrong[0]).toMatchObject({ severity: 'error', location: { path: 'part[0]>(0010,0020)' } });
    expect(wrong[0]!.message).toContain(`Patient ID ${study.patientId} (issuer ${study.issuerOfPatientId})`);
  });

  test('a truncated multipart body is a framing error', async () => {
    sim.setFaults({ truncateAfterBytes: 20_000 });
    const res = await checkWadoRs({ baseUrl: sim.base, studyUid: study.studyInstanceUid, levels: ['study'] });
    expect(ids(res.findings)).toEqual(['wado.response.framing']);
    expect(res.findings[0]?.message).toMatch(/truncated/);
  });

  test('a dropped connection is a framing error, not a hang', async () => {
    sim.setFaults({ dropAfterBytes: 20_000 });
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: manifestFromStudyJson(study), levels: ['study'] });
    expect(ids(res.findings)).toEqual(['wado.response.framing']);
    expect(res.exchanges[0]?.error).toBeTruthy();
  });

  test('an outage is a 503 finding citing WADO-010', async () => {
    sim.setFaults({ outage: true });
    const res = await checkWadoRs({ baseUrl: sim.base, manifest: manifestFromStudyJson(study), levels: ['study'] });
    expect(res.findings[0]).toMatchObject({ ruleId: 'wado.retrieve.status', reqIds: ['WADO-001', 'WADO-010'] });
    expect(res.findings[0]?.message).toMatch(/503 \(Retry-After: 5\)/);
  });

  test('a source slower than the idle timeout gives a transport finding', async () => {
    sim.setFaults({ latencyMs: 500 });
    const res = await checkWadoRs({ baseUrl: sim.base, studyUid: study.studyInstanceUid, levels: ['study'], idleTimeoutMs: 100 });
    expect(res.findings[0]).toMatchObject({ ruleId: 'wado.transport', reqIds: ['WADO-001', 'GW-012'] });
    sim.setFaults({});
  });

  test('negotiation and error-status checks pass against the simulator, and fail a source that ignores them', async () => {
    sim.setFaults({});
    const ok = await checkWadoRsNegotiation(sim.base, study.studyInstanceUid);
    expect(ok.findings).toEqual([]);
    expect(ok.exchanges.map((e) => e.response?.summary)).toEqual(['HTTP 200', 'HTTP 200', 'HTTP 406', 'HTTP 404', 'HTTP 404', 'HTTP 400']);
    sim.setFaults({ outage: true });
    const bad = await checkWadoRsNegotiation(sim.base, study.studyInstanceUid);
    expect(bad.findings.map((f) => f.reqIds[0])).toEqual(['WADO-005', 'WADO-005', 'WADO-006', 'WADO-007', 'WADO-007', 'WADO-008']);
    sim.setFaults({});
  });

  test('the probe reports latency figures and availability', async () => {
    sim.setFaults({});
    const up = await probeWadoRs(sim.base, study.studyInstanceUid, { count: 2 });
    expect(up.available).toBe(true);
    expect(up.samples).toHaveLength(2);
    expect(up.samples[0]?.firstPartMs).toBeGreaterThanOrEqual(up.samples[0]?.headersMs ?? Infinity);
    sim.setFaults({ outage: true });
    const down = await probeWadoRs(sim.base, study.studyInstanceUid, { count: 1 });
    expect(down.available).toBe(false);
    expect(down.findings[0]).toMatchObject({ ruleId: 'wado.probe.available', reqIds: ['GW-012', 'WADO-010'] });
    sim.setFaults({});
  });
});
