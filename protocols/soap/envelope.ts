// SOAP 1.2 envelope with WS-Addressing headers: read and write.
import { randomUUID } from 'node:crypto';
import { childOf as child, escapeXml, parseXml, type XmlElement as XNode, type XmlLimits } from '../xml/index.ts';
import { NS, WSA_ANONYMOUS } from './namespaces.ts';
import { SoapFaultError } from './fault.ts';

export interface Addressing {
  action?: string;
  messageId?: string;
  replyTo?: string;
  to?: string;
  relatesTo?: string;
}

export interface Envelope {
  addressing: Addressing;
  header: XNode | undefined;
  /** The single element inside soap:Body. */
  body: XNode;
}

/**
 * Reads a SOAP 1.2 envelope. Every problem is a SoapFaultError carrying the fault the
 * receiver owes the sender (SOAP 1.2 Part 1 5.4.6): Sender for bad XML, VersionMismatch for
 * a SOAP 1.1 envelope, MustUnderstand for an unknown mandatory header.
 */
export function readEnvelope(xml: string | Uint8Array, limits?: Partial<XmlLimits>): Envelope {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) throw new SoapFaultError({ code: 'Sender', reason: parsed.error.message });
  const root = parsed.root;
  if (root.name !== 'Envelope' || (root.ns !== NS.soap12 && root.ns !== NS.soap11)) {
    throw new SoapFaultError({ code: 'Sender', reason: `root element is {${root.ns}}${root.name}, not a SOAP 1.2 Envelope` });
  }
  if (root.ns === NS.soap11) {
    throw new SoapFaultError({ code: 'VersionMismatch', reason: 'SOAP 1.1 envelope received; this endpoint speaks SOAP 1.2 only' });
  }
  const header = child(root, NS.soap12, 'Header');
  const bodyEl = child(root, NS.soap12, 'Body');
  if (!bodyEl) throw new SoapFaultError({ code: 'Sender', reason: 'soap:Envelope has no soap:Body' });
  const [body, ...more] = bodyEl.children;
  if (!body) throw new SoapFaultError({ code: 'Sender', reason: 'soap:Body is empty' });
  if (more.length > 0) throw new SoapFaultError({ code: 'Sender', reason: 'soap:Body holds more than one element' });
  for (const h of header?.children ?? []) {
    const mu = h.attrs['s:mustUnderstand'] ?? attrByLocal(h, 'mustUnderstand');
    if ((mu === 'true' || mu === '1') && h.ns !== NS.wsa) {
      throw new SoapFaultError({
        code: 'MustUnderstand',
        reason: `header {${h.ns}}${h.name} is marked mustUnderstand and is not understood`,
      });
    }
  }
  const txt = (local: string) => (header ? child(header, NS.wsa, local)?.text.trim() : undefined);
  const addressing: Addressing = {};
  const action = txt('Action');
  const messageId = txt('MessageID');
  const to = txt('To');
  const relatesTo = txt('RelatesTo');
  const replyToEl = header ? child(header, NS.wsa, 'ReplyTo') : undefined;
  const replyTo = replyToEl ? child(replyToEl, NS.wsa, 'Address')?.text.trim() : undefined;
  if (action) addressing.action = action;
  if (messageId) addressing.messageId = messageId;
  if (to) addressing.to = to;
  if (relatesTo) addressing.relatesTo = relatesTo;
  if (replyTo) addressing.replyTo = replyTo;
  return { addressing, header, body };
}

function attrByLocal(n: XNode, local: string): string | undefined {
  const k = Object.keys(n.attrs).find((a) => a === local || a.endsWith(`:${local}`));
  return k === undefined ? undefined : n.attrs[k];
}

export interface WriteOptions {
  action: string;
  /** Request: a fresh MessageID is generated when absent. */
  messageId?: string;
  relatesTo?: string;
  to?: string;
  /** Requests carry ReplyTo anonymous; responses do not. */
  request?: boolean;
}

/** Writes a SOAP 1.2 envelope around bodyXml (one element, declaring its own namespaces). */
export function writeEnvelope(bodyXml: string, o: WriteOptions): string {
  const h: string[] = [`<a:Action s:mustUnderstand="true">${escapeXml(o.action)}</a:Action>`];
  if (o.request) {
    h.push(`<a:MessageID>${escapeXml(o.messageId ?? `urn:uuid:${randomUUID()}`)}</a:MessageID>`);
    h.push(`<a:ReplyTo><a:Address>${WSA_ANONYMOUS}</a:Address></a:ReplyTo>`);
  } else if (o.messageId) h.push(`<a:MessageID>${escapeXml(o.messageId)}</a:MessageID>`);
  if (o.relatesTo) h.push(`<a:RelatesTo>${escapeXml(o.relatesTo)}</a:RelatesTo>`);
  if (o.to) h.push(`<a:To s:mustUnderstand="true">${escapeXml(o.to)}</a:To>`);
  return (
    `<s:Envelope xmlns:s="${NS.soap12}" xmlns:a="${NS.wsa}"><s:Header>${h.join('')}</s:Header>` + `<s:Body>${bodyXml}</s:Body></s:Envelope>`
  );
}

export const SOAP_CONTENT_TYPE = 'application/soap+xml; charset=UTF-8';

export function soapContentType(action: string): string {
  return `application/soap+xml; charset=UTF-8; action="${action}"`;
}
