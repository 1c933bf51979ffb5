// Independent check: hand-authored SOAP and MTOM requests (ITI TF-2 example style) posted with
// curl to `mcwg simulate xds` running as its own process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { peerAvailable } from '../../fixtures/peers.ts';
import { spawnXds, type XdsProcess } from './spawn-cli.ts';

const DATA = new URL('./testdata/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'mcwg-curl-'));
const docUid = `2.25.${Date.now()}1`;
const ssUid = `2.25.${Date.now()}2`;

/** POSTs a testdata file with curl; returns status, content type and body. */
function curl(url: string, file: string, contentType: string, extra: string[] = []): { status: number; type: string; body: string } {
  let bytes = readFileSync(new URL(file, DATA)).toString('latin1');
  bytes = bytes.replaceAll('@DOCUID@', docUid).replaceAll('@SSUID@', ssUid);
  const path = join(dir, file);
  writeFileSync(path, Buffer.from(bytes, 'latin1'));
  const headers = join(dir, `${file}.headers`);
  const body = execFileSync('curl', [
    '-sS',
    '-D',
    headers,
    '-H',
    `Content-Type: ${contentType}`,
    '--data-binary',
    `@${path}`,
    ...extra,
    url,
  ]);
  const head = readFileSync(headers, 'utf8');
  return {
    status: Number(/^HTTP\/[\d.]+ (\d+)/m.exec(head)?.[1]),
    type: /^content-type: (.*)$/im.exec(head)?.[1]?.trim() ?? '',
    body: body.toString('latin1'),
  };
}

const SOAP = 'application/soap+xml; charset=UTF-8';

describe.skipIf(!peerAvailable('curl'))('curl against mcwg simulate xds', () => {
  let xds: XdsProcess;
  beforeAll(async () => {
    xds = await spawnXds(['--port', '0', '--data', dir, '--patient', 'PAT-0001^^^&1.2.3.4.5.6.2&ISO', '--max-body', '100000']);
  }, 30_000);
  afterAll(async () => {
    xds.child.kill('SIGTERM');
    await xds.exited;
  });

  test('ITI-41 MTOM with a KOS part passes the metadata validators (strict) and is a Success (XDS-001, XDS-003)', () => {
    const r = curl(xds.repository, 'iti41-kos.mtom', readFileSync(new URL('iti41-kos.content-type', DATA), 'utf8'));
    expect(r.status).toBe(200);
    expect(r.body).toContain('urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse');
    expect(r.body).toContain('RelatesTo>urn:uuid:5b23b8d5-e6b3-4bde-9a11-5a4e9c0c8f01<');
    expect(r.body).toMatch(/status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/);
    expect(r.body).not.toContain('RegistryError');
  });
  test('ITI-18 FindDocuments by patient and eventCode returns it as LeafClass (XDS-014, XDS-018)', () => {
    const r = curl(xds.registry, 'iti18-find-documents.xml', SOAP);
    expect(r.status).toBe(200);
    expect(r.body).toContain('urn:ihe:iti:2007:RegistryStoredQueryResponse');
    expect(r.body).toContain(`value="${docUid}"`);
    expect(r.body).toMatch(/<rim:ExtrinsicObject[^>]*status="urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"/);
  });
  test('ITI-43 answers MTOM holding the exact stored bytes (XDS-022)', () => {
    const r = curl(xds.repository, 'iti43-retrieve.xml', SOAP);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
    expect(r.body).toContain('DICM\x02\x00\x10\x00UI\x00\x00\r\n--x');
    expect(r.body).toContain('<xop:Include');
  });
  test('the MTOM request with its document part left out is XDSMissingDocument (XDS-002)', () => {
    const r = curl(xds.repository, 'iti41-missing-part.mtom', readFileSync(new URL('iti41-kos.content-type', DATA), 'utf8'));
    expect(r.body).toContain('errorCode="XDSMissingDocument"');
    expect(r.body).toContain('ResponseStatusType:Failure');
  });
  test.each([
    ['iti18-malformed.xml', SOAP, 400, 's:Sender', /does not match|well-formed/],
    ['iti18-xxe.xml', SOAP, 400, 's:Sender', /DOCTYPE/],
    ['iti18-wrong-action.xml', SOAP, 400, 's:Sender', /not supported/],
    ['iti18-soap11.xml', SOAP, 500, 's:VersionMismatch', /SOAP 1.1/],
    ['iti18-find-documents.xml', 'text/xml; charset=UTF-8', 500, 's:VersionMismatch', /SOAP 1.1 binding/],
    ['iti18-find-documents.xml', 'application/json', 415, 's:Sender', /neither/],
  ])('%s sent as %s is a SOAP fault (XDS-031)', (file, type, status, code, reason) => {
    const r = curl(xds.registry, file, type);
    expect(r.status).toBe(status);
    expect(r.body).toContain(`<s:Value>${code}</s:Value>`);
    expect(r.body).toMatch(reason);
    expect(r.body).not.toContain('root:x:0:0');
  });
  test('a body over --max-body is a 413 SOAP fault and the simulator keeps serving (XDS-031)', () => {
    const big = join(dir, 'big.xml');
    writeFileSync(big, `<x>${'a'.repeat(200_000)}</x>`);
    const out = execFileSync('curl', [
      '-sS',
      '-o',
      '-',
      '-w',
      '\n%{http_code}',
      '-H',
      `Content-Type: ${SOAP}`,
      '--data-binary',
      `@${big}`,
      xds.registry,
    ]).toString();
    expect(out.trim().endsWith('413')).toBe(true);
    expect(out).toContain('limit');
    expect(curl(xds.registry, 'iti18-find-documents.xml', SOAP).status).toBe(200);
  });
});
