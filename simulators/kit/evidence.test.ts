// The kit's promises, end to end: every simulator persists its evidence through the store with
// the same redaction (credentials by name, never by value), sha256 of every body, structured
// method/url/status and URLs for from/to; several simulators share one port; a transaction is
// added with one table row and its handler.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import type { Exchange } from '../../model/exchange.ts';
import { writeEnvelope } from '../../protocols/soap/index.ts';
import { mhdSimulator } from '../mhd/index.ts';
import { sendHl7 } from '../ris/client.ts';
import { startRis } from '../ris/server.ts';
import { openStore } from '../store/open-store.ts';
import type { XdsStore } from '../store/types.ts';
import { wadoRsSimulator } from '../wado-rs/index.ts';
import { indexFolder } from '../wado-rs/store.ts';
import { xdsConfig } from '../xds/config.ts';
import { XDS_TABLE, type XdsRow } from '../xds/core.ts';
import { xdsSimulator } from '../xds/server.ts';
import { ExchangeRecorder, payloadOf, REDACTED, redactHeaders } from './recorder.ts';
import { startSimulators, type RunningSimulators } from './start.ts';

const SECRET = { authorization: 'Bearer sekrit-token-1', cookie: 'session=sekrit-cookie-2' };
const QUERY =
  '<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><q:ResponseOption returnType="LeafClass"/><rim:AdhocQuery id="urn:uuid:00000000-0000-0000-0000-000000000000"/></q:AdhocQueryRequest>';
const PING = 'urn:example:mcwg:Ping';

// A transaction added the way the kit intends: one row, one handler.
const pingRow: XdsRow = {
  transaction: 'PING-1',
  path: '/registry',
  soapAction: PING,
  handle: async () => ({
    transaction: 'PING-1',
    action: `${PING}Response`,
    bodyXml: '<p:Pong xmlns:p="urn:example"/>',
    attachments: [],
    errors: [],
  }),
};

let store: XdsStore;
let running: RunningSimulators;
let kept: Exchange[];

beforeAll(async () => {
  store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-kit-')), 'kit.sqlite')}`);
  const wado = await indexFolder(mkdtempSync(join(tmpdir(), 'mcwg-kit-dicom-')));
  running = await startSimulators({
    plugins: [
      xdsSimulator({ store, config: xdsConfig({ acceptAnyPatient: true }), table: [...XDS_TABLE, pingRow] }),
      mhdSimulator({ store }),
      wadoRsSimulator({ store: wado }),
    ],
    store,
  });
  const soap = (action: string, body: string) => writeEnvelope(body, { action, request: true, to: `${running.url}/xds/registry` });
  const post = (action: string, body: string) =>
    fetch(`${running.url}/xds/registry`, {
      method: 'POST',
      headers: { ...SECRET, 'content-type': 'application/soap+xml' },
      body: soap(action, body),
    });
  expect((await post('urn:ihe:iti:2007:RegistryStoredQuery', QUERY)).status).toBe(200);
  const pong = await post(PING, '<p:Ping xmlns:p="urn:example"/>');
  expect(pong.status).toBe(200);
  expect(await pong.text()).toContain('Pong');
  expect((await fetch(`${running.url}/fhir/metadata`, { headers: SECRET })).status).toBe(200);
  expect((await fetch(`${running.url}/dicom-web/studies`, { headers: { ...SECRET, accept: 'application/dicom+json' } })).status).toBe(200);
  expect((await fetch(`${running.url}/dicom-web/studies/1.2.3`, { headers: SECRET })).status).toBeGreaterThanOrEqual(400);
  expect((await fetch(`${running.url}/nowhere`, { headers: SECRET })).status).toBe(404);

  const ris = await startRis({ evidence: store });
  await sendHl7({ host: ris.host, port: ris.port }, [oruR01()]);
  await ris.stop();
  await running.stop();
  kept = await store.exchanges();
}, 60_000);
afterAll(() => store.close());

const stored = (transaction: string) => kept.filter((e) => e.transaction === transaction);

describe('simulator kit evidence', () => {
  test('every simulator persisted its exchanges through the store', () => {
    for (const t of ['ITI-18', 'PING-1', 'FHIR capabilities', 'QIDO-RS', 'RAD-107', 'HL7 ORU^R01']) expect(stored(t), t).toHaveLength(1);
  });

  test('credentials are redacted identically everywhere: name kept, value gone', () => {
    const http = kept.filter((e) => !e.to.startsWith('mllp:'));
    expect(http.length).toBeGreaterThanOrEqual(6);
    for (const e of http)
      expect(e.request.headers, `${e.transaction} ${e.request.url}`).toMatchObject({ authorization: REDACTED, cookie: REDACTED });
    expect(JSON.stringify(kept)).not.toMatch(/sekrit/);
  });

  test('structured request and response, hashes and URLs on every exchange, error bodies kept', () => {
    for (const e of kept) {
      expect(e.request.sha256, e.transaction).toMatch(/^[0-9a-f]{64}$/);
      expect(e.response?.sha256, e.transaction).toMatch(/^[0-9a-f]{64}$/);
      expect(e.to).toMatch(/^(http|mllp):\/\/127\.0\.0\.1:\d+/);
      expect(e.from).toMatch(/^(http|mllp):\/\/(127\.0\.0\.1|\[::1\]):\d+$/);
    }
    const [qido] = stored('QIDO-RS');
    expect(qido).toMatchObject({ request: { method: 'GET', url: '/dicom-web/studies' }, response: { status: 200 } });
    const [missing] = stored('RAD-107');
    expect(missing!.response!.status).toBeGreaterThanOrEqual(400);
    expect(missing!.response!.body).toMatch(/^4\d\d /);
    const unrouted = kept.find((e) => e.request.url === '/nowhere');
    expect(unrouted).toMatchObject({ transaction: 'HTTP', response: { status: 404 } });
  });

  test('one port serves every mounted simulator, endpoints generated from the tables', () => {
    expect(new Set(running.endpoints.map((e) => new URL(e.url).port))).toEqual(new Set([new URL(running.url).port]));
    expect(running.simulators.xds!.endpoints.map((e) => e.transaction)).toEqual([
      'ITI-18',
      'ITI-42',
      'ITI-41',
      'RAD-68',
      'ITI-43',
      'RAD-69',
      'PING-1',
    ]);
    expect(running.simulators.xds!.endpoints.at(-1)!.url).toBe(`${running.url}/xds/registry`);
    expect(running.simulators['wado-rs']!.exchanges().every((e) => e.to.includes('/dicom-web'))).toBe(true);
  });
});

describe('body limits', () => {
  test("a request that reaches a simulator's not-found path keeps the simulator's body limit, not fastify's 1 MiB", async () => {
    const own = await openStore('sqlite::memory:');
    const one = await startSimulators({
      plugins: [mhdSimulator({ store: own, maxBodyBytes: 4 * 1024 * 1024 })],
      store: own,
      closeStore: true,
    });
    try {
      // POST /fhir/ (trailing slash) is routed by the core, not by a table row.
      const res = await fetch(`${one.url}/fhir/`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(res.status).not.toBe(413);
      expect((await res.json()) as { resourceType: string }).toMatchObject({ resourceType: 'OperationOutcome' });
    } finally {
      await one.stop();
    }
  });
});

describe('recorder policy', () => {
  test('redacts the four credential headers in any case, keeps the rest', () => {
    expect(
      redactHeaders({ Authorization: 'a', 'Proxy-Authorization': 'b', Cookie: 'c', 'set-cookie': ['d', 'e'], Accept: ['x', 'y'] }),
    ).toEqual({
      authorization: REDACTED,
      'proxy-authorization': REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      accept: 'x, y',
    });
  });

  test('bodies: hashed always, inline only when small and textual', () => {
    const small = payloadOf({ body: 'hello', contentType: 'text/plain' });
    expect(small).toMatchObject({ size: 5, body: 'hello', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    expect(payloadOf({ body: Buffer.alloc(10), contentType: 'application/dicom' }).body).toBeUndefined();
    const big = payloadOf({ body: 'x'.repeat(20) }, 10);
    expect(big.size).toBe(20);
    expect(big.body).toBeUndefined();
    expect(payloadOf({ body: '[]', contentType: 'application/dicom+json' }).body).toBe('[]');
  });

  test('a scope keeps its own list and forwards to the sink once', async () => {
    const written: Exchange[][] = [];
    const root = new ExchangeRecorder({ sink: { recordExchanges: async (l) => void written.push([...l]) } });
    const a = root.scope();
    const ex = a.begin({ transaction: 'T', from: 'x', to: 'y', request: a.payload({}) });
    a.record(ex);
    await root.flush();
    expect(a.exchanges()).toEqual([ex]);
    expect(root.exchanges()).toEqual([ex]);
    expect(written.flat()).toEqual([ex]);
  });
});
