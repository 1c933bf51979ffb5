// SOAP 1.2 faults (SOAP 1.2 Part 1 5.4): values, not crashes.
import { NS } from './namespaces.ts';
import { childOf, escapeXml, type XmlElement } from '../xml/index.ts';

export type FaultCode = 'Sender' | 'Receiver' | 'VersionMismatch' | 'MustUnderstand' | 'DataEncodingUnknown';

export interface SoapFault {
  code: FaultCode;
  /** A qualified subcode such as wsa:ActionNotSupported, as {ns, local}. */
  subcode?: { ns: string; local: string };
  reason: string;
}

export class SoapFaultError extends Error {
  override name = 'SoapFaultError';
  constructor(readonly fault: SoapFault) {
    super(fault.reason);
  }
}

export const FAULT_ACTION = 'http://www.w3.org/2005/08/addressing/soap/fault';

/** The whole fault envelope. relatesTo echoes the request's MessageID when there was one. */
export function writeFault(f: SoapFault, relatesTo?: string): string {
  const sub = f.subcode
    ? `<s:Subcode><s:Value xmlns:f="${escapeXml(f.subcode.ns)}">f:${escapeXml(f.subcode.local)}</s:Value></s:Subcode>`
    : '';
  const rel = relatesTo ? `<a:RelatesTo>${escapeXml(relatesTo)}</a:RelatesTo>` : '';
  return (
    `<s:Envelope xmlns:s="${NS.soap12}" xmlns:a="${NS.wsa}"><s:Header>` +
    `<a:Action s:mustUnderstand="true">${FAULT_ACTION}</a:Action>${rel}</s:Header><s:Body><s:Fault>` +
    `<s:Code><s:Value>s:${f.code}</s:Value>${sub}</s:Code>` +
    `<s:Reason><s:Text xml:lang="en">${escapeXml(f.reason)}</s:Text></s:Reason>` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}

/** HTTP status for a fault: SOAP 1.2 HTTP binding (Part 2 7.5.1.2). */
export function faultHttpStatus(f: SoapFault): number {
  return f.code === 'Sender' ? 400 : 500;
}

/** Reads a soap:Fault body element back (clients); undefined when the body is not a fault. */
export function readFault(body: XmlElement): SoapFault | undefined {
  if (body.ns !== NS.soap12 || body.name !== 'Fault') return undefined;
  const child = (el: XmlElement | undefined, ns: string, name: string) => (el ? childOf(el, ns, name) : undefined);
  const code = child(body, NS.soap12, 'Code');
  const value = child(code, NS.soap12, 'Value')?.text.trim() ?? '';
  const reason = child(child(body, NS.soap12, 'Reason'), NS.soap12, 'Text')?.text.trim() ?? '';
  const local = value.slice(value.indexOf(':') + 1) as FaultCode;
  const subValue = child(child(code, NS.soap12, 'Subcode'), NS.soap12, 'Value')?.text.trim();
  const f: SoapFault = { code: local, reason };
  if (subValue) f.subcode = { ns: '', local: subValue.slice(subValue.indexOf(':') + 1) };
  return f;
}
