// Issue 16 item 1: what fastify or Node's HTTP parser refuses is still answered in the protocol
// of the path's simulator: a SOAP 1.2 Fault under /xds, an OperationOutcome under /fhir, a
// DICOMweb status under /dicom-web (405 with Allow, 400 for bad query parameters, 414 for a
// UID beyond any length), each within a couple of seconds and never as fastify's JSON.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mhdSimulator } from '../mhd/index.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { wadoRsSimulator } from '../wado-rs/index.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { xdsConfig } from '../xds/config.ts';
import { xdsSimulator } from '../xds/server.ts';
import { startSimulators, type RunningSimulators } from './start.ts';

let store: XdsStore;
let running: RunningSimulators;
let port = 0;

beforeAll(async () => {
  store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-kit-err-')), 'kit.sqlite')}`);
  const wado = await indexFolder(mkdtempSync(join(tmpdir(), 'mcwg-kit-err-dicom-')));
  running = await startSimulators({
    plugins: [
      xdsSimulator({ store, config: xdsConfig({ acceptAnyPatient: true }) }),
      mhdSimulator({ store }),
      wadoRsSimulator({ store: wado }),
    ],
    store,
  });
  port = Number(new URL(running.url).port);
}, 60_000);
afterAll(async () => {
  await running?.stop();
  await store?.close();
});

interface Raw {
  status: number;
  head: string;
  body: string;
  ms: number;
}

/** Raw bytes on a fresh connection (what fetch refuses to send); the whole answer until close. */
function raw(bytes: string | Buffer, opts: { halfClose?: boolean } = {}): Promise<Raw> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no answer within 5 s to ${String(bytes).slice(0, 60)}`));
    }, 5_000);
    sock.on('connect', () => (opts.halfClose ? sock.end(bytes) : sock.write(bytes)));
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        head: text.slice(0, split),
        body: text.slice(split + 4),
        ms: performance.now() - t0,
      });
    });
  });
}

const isSoapFault = (r: Raw) => /content-type: application\/soap\+xml/i.test(r.head) && /<(\w+:)?Fault[\s>]/.test(r.body);
const isOutcome = (r: Raw) => /content-type: application\/fhir\+json/i.test(r.head) && /"resourceType":"OperationOutcome"/.test(r.body);
const notFastifyJson = (r: Raw) => !/FST_ERR|"statusCode":/.test(r.body);

describe('framework-level errors in the protocol of the prefix', () => {
  test('a garbage request line under /xds gets a SOAP Fault 400', async () => {
    const r = await raw('POST /xds/registry HTTP/1.1 garbage\r\n\r\n');
    expect(r.status).toBe(400);
    expect(isSoapFault(r), r.body).toBe(true);
  });

  test('malformed chunked encoding on a SOAP endpoint gets a SOAP Fault 400', async () => {
    const r = await raw(
      'POST /xds/repository HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
    );
    expect(r.status).toBe(400);
    expect(isSoapFault(r), r.body).toBe(true);
  });

  test('a body shorter than its Content-Length, then end of input, gets a SOAP Fault (not a stall)', async () => {
    const r = await raw(
      'POST /xds/registry HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\nContent-Length: 5000\r\n\r\n<soap',
      { halfClose: true },
    );
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(isSoapFault(r), r.body).toBe(true);
    expect(r.ms).toBeLessThan(2_000);
  });

  test('a 100 KB query string under /fhir gets 431 with an OperationOutcome', async () => {
    const r = await raw(`GET /fhir/DocumentReference?patient=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(isOutcome(r), r.body).toBe(true);
  });

  test('malformed chunked encoding under /fhir gets an OperationOutcome 400', async () => {
    const r = await raw(
      'POST /fhir HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n\r\n',
    );
    expect(r.status).toBe(400);
    expect(isOutcome(r), r.body).toBe(true);
  });

  test('a 1,000-character UID under /dicom-web gets a DICOMweb 414/400, not fastify JSON', async () => {
    const r = await raw(`GET /dicom-web/studies/1.2.${'3'.repeat(1000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect([400, 414]).toContain(r.status);
    expect(notFastifyJson(r), r.body).toBe(true);
    expect(r.body).toMatch(/UID/);
  });

  test('DELETE, POST, PUT, PATCH and OPTIONS on a study get 405 with Allow: GET, HEAD', async () => {
    for (const method of ['DELETE', 'POST', 'PUT', 'PATCH', 'OPTIONS']) {
      const res = await fetch(`${running.url}/dicom-web/studies/1.2.3`, {
        method,
        ...(method === 'POST' || method === 'PUT' || method === 'PATCH'
          ? { body: 'x', headers: { 'content-type': 'application/dicom' } }
          : {}),
      });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('GET, HEAD');
    }
  });

  test('invalid QIDO parameters get 400 naming the parameter, before Accept negotiation', async () => {
    for (const q of [
      'limit=-1',
      'offset=1e20',
      'StudyDate=2024-99-99',
      'StudyDate=20240230',
      'StudyInstanceUID=1.02.3',
      `PatientID=${'p'.repeat(65)}`,
    ]) {
      const res = await fetch(`${running.url}/dicom-web/studies?${q}`, {
        headers: { accept: 'multipart/related; type="application/dicom"' },
      });
      expect(res.status, q).toBe(400);
      expect(await res.text(), q).toContain(q.split('=')[0]);
    }
    for (const q of ['limit=10', 'offset=0', 'StudyDate=20240101-20241231', 'StudyDate=-20241231', 'PatientID=abc']) {
      expect((await fetch(`${running.url}/dicom-web/studies?${q}`, { headers: { accept: 'application/dicom+json' } })).status, q).toBe(200);
    }
  });

  test('the server still answers a valid request on each prefix afterwards', async () => {
    expect((await fetch(`${running.url}/fhir/metadata`)).status).toBe(200);
    expect((await fetch(`${running.url}/dicom-web/studies`, { headers: { accept: 'application/dicom+json' } })).status).toBe(200);
  });
});
