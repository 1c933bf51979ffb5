// Bad input at the HTTP adapter (XDS-031): each answer is a SOAP fault, recorded as an
// exchange, and the simulator keeps serving afterwards.
import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../store/open-store.ts';
import { xdsConfig } from './config.ts';
import { startXds, type XdsSimulator } from './server.ts';

let sim: XdsSimulator;
const file = join(mkdtempSync(join(tmpdir(), 'mcwg-bad-')), 'xds.sqlite');
const port = () => Number(new URL(sim.url).port);

beforeAll(async () => {
  const store = await openStore(`sqlite:${file}`);
  sim = await startXds({ store, config: xdsConfig({ acceptAnyPatient: true }), bodyDeadlineMs: 300, mtomLimits: { maxPartSize: 1000 } });
});
afterAll(() => sim.stop());

/** Writes raw HTTP and resolves with everything the server sends before closing. */
function raw(head: string, body: string, keepOpen: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port(), '127.0.0.1');
    let got = '';
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n[\s\S]*<\/s:Envelope>/.test(got)) {
        s.destroy();
        resolve(got);
      }
    });
    s.on('close', () => resolve(got));
    s.on('error', reject);
    s.write(head + body);
    if (!keepOpen) s.end();
  });
}

const SOAP_HEAD = (len: number) =>
  `POST /xds/registry HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\nContent-Length: ${len}\r\n\r\n`;

describe('bad input', () => {
  test('a sender that stops half-way gets a Sender fault after the deadline, not a hang', async () => {
    const reply = await raw(SOAP_HEAD(5000), '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">', true);
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect(reply).toContain('<s:Value>s:Sender</s:Value>');
    expect(reply).toMatch(/not complete within 300 ms/);
    expect(sim.exchanges().at(-1)?.error).toMatch(/within 300 ms/);
  });
  test('an MTOM part over maxPartSize is a Sender fault', async () => {
    const boundary = 'b1';
    const body =
      `--${boundary}\r\nContent-Type: application/xop+xml; type="application/soap+xml"\r\nContent-ID: <root>\r\n\r\n<x/>\r\n` +
      `--${boundary}\r\nContent-Type: application/dicom\r\nContent-ID: <d1>\r\n\r\n${'x'.repeat(5000)}\r\n--${boundary}--\r\n`;
    const head = `POST /xds/repository HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/related; type="application/xop+xml"; boundary=${boundary}; start="<root>"\r\nContent-Length: ${body.length}\r\n\r\n`;
    const reply = await raw(head, body, false);
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect(reply).toMatch(/MaxPartSize/);
  });
  test('an MTOM root that is not XOP is a Sender fault naming the type', async () => {
    const body = `--b\r\nContent-Type: text/plain\r\nContent-ID: <root>\r\n\r\nhello\r\n--b--\r\n`;
    const head = `POST /xds/repository HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/related; boundary=b; start="<root>"\r\nContent-Length: ${body.length}\r\n\r\n`;
    expect(await raw(head, body, false)).toMatch(/root part must be application\/xop\+xml/);
  });
  test('a GET is answered with a fault naming the endpoints', async () => {
    const res = await fetch(`${sim.url}/xds/registry`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('/xds/repository');
  });
  test('after all that, a well-formed request still gets its answer', async () => {
    const env =
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header><a:Action>urn:ihe:iti:2007:RegistryStoredQuery</a:Action></s:Header><s:Body><q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><q:ResponseOption returnType="LeafClass"/><rim:AdhocQuery id="urn:uuid:00000000-0000-0000-0000-000000000000"/></q:AdhocQueryRequest></s:Body></s:Envelope>';
    const res = await fetch(`${sim.url}/xds/registry`, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body: env });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('errorCode="XDSUnknownStoredQuery"');
  });
  test('every one of those exchanges, rejected ones included, is in the store after stop', async () => {
    await sim.stop();
    const store = await openStore(`sqlite:${file}`);
    const kept = await store.exchanges();
    await store.close();
    // The misrouted GET is evidence too now (the kit records framework-level rejections).
    expect(kept.map((e) => e.transaction)).toEqual(['SOAP', 'SOAP', 'SOAP', 'HTTP', 'ITI-18']);
    expect(kept[3]?.response?.status).toBe(404);
    expect(kept[0]?.error).toMatch(/within 300 ms/);
  });
});
