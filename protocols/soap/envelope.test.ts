import { describe, expect, test } from 'vitest';
import { readEnvelope, writeEnvelope } from './envelope.ts';
import { readFault, SoapFaultError, writeFault } from './fault.ts';
import { NS } from './namespaces.ts';
import { parseXml } from '../xml/index.ts';

// In the style of the ITI TF-2 examples: prefixes differ from ours on purpose.
const REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">
  <soapenv:Header>
    <wsa:Action soapenv:mustUnderstand="1">urn:ihe:iti:2007:RegistryStoredQuery</wsa:Action>
    <wsa:MessageID>urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02</wsa:MessageID>
    <wsa:ReplyTo soapenv:mustUnderstand="1"><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>
    <wsa:To soapenv:mustUnderstand="1">http://localhost/xds/registry</wsa:To>
  </soapenv:Header>
  <soapenv:Body><q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/></soapenv:Body>
</soapenv:Envelope>`;

function faultOf(xml: string) {
  try {
    readEnvelope(xml);
  } catch (e) {
    if (e instanceof SoapFaultError) return e.fault;
    throw e;
  }
  throw new Error('no fault');
}

describe('readEnvelope', () => {
  test('reads WS-Addressing headers whatever the prefixes', () => {
    const env = readEnvelope(REQUEST);
    expect(env.addressing).toEqual({
      action: 'urn:ihe:iti:2007:RegistryStoredQuery',
      messageId: 'urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02',
      replyTo: 'http://www.w3.org/2005/08/addressing/anonymous',
      to: 'http://localhost/xds/registry',
    });
    expect(env.body).toMatchObject({ ns: NS.query, name: 'AdhocQueryRequest' });
  });
  test('answers a SOAP 1.1 envelope with VersionMismatch', () => {
    const xml = REQUEST.replaceAll('http://www.w3.org/2003/05/soap-envelope', 'http://schemas.xmlsoap.org/soap/envelope/');
    expect(faultOf(xml).code).toBe('VersionMismatch');
  });
  test('answers malformed XML with a Sender fault', () => {
    expect(faultOf(REQUEST.replace('</soapenv:Body>', ''))).toMatchObject({ code: 'Sender' });
  });
  test('refuses an external entity (XXE) with a Sender fault and reads no file', () => {
    const xxe =
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` +
      REQUEST.slice(REQUEST.indexOf('<soapenv:Envelope')).replace('<q:AdhocQueryRequest', '<q:AdhocQueryRequest a="&e;"');
    const f = faultOf(xxe);
    expect(f.code).toBe('Sender');
    expect(f.reason).toMatch(/DOCTYPE/);
  });
  test('faults an unknown mustUnderstand header', () => {
    const xml = REQUEST.replace('</soapenv:Header>', '<x:Sec xmlns:x="urn:x" soapenv:mustUnderstand="true"/></soapenv:Header>');
    expect(faultOf(xml).code).toBe('MustUnderstand');
  });
  test('faults an empty Body', () => {
    expect(faultOf(REQUEST.replace(/<soapenv:Body>.*<\/soapenv:Body>/s, '<soapenv:Body/>')).reason).toMatch(/empty/);
  });
});

describe('writeEnvelope / writeFault', () => {
  test('round-trips the addressing of a response', () => {
    const xml = writeEnvelope('<x:R xmlns:x="urn:x"/>', { action: 'urn:a:Response', relatesTo: 'urn:uuid:1' });
    expect(readEnvelope(xml).addressing).toEqual({ action: 'urn:a:Response', relatesTo: 'urn:uuid:1' });
  });
  test('a written fault reads back with its code and reason', () => {
    const xml = writeFault({ code: 'Sender', subcode: { ns: NS.wsa, local: 'ActionNotSupported' }, reason: 'bad <action>' }, 'urn:uuid:9');
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error('unparsable');
    const body = parsed.root.children[1]!.children[0]!;
    expect(readFault(body)).toEqual({ code: 'Sender', subcode: { ns: '', local: 'ActionNotSupported' }, reason: 'bad <action>' });
  });
});
