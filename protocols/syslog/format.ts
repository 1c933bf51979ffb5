// Writes an RFC 5424 message (the inverse of rfc5424.ts), for our audit sender. MSG gets the
// BOM because DICOM audit XML is UTF-8 (RFC 5424 §6.4).
import type { SdElement } from './rfc5424.ts';

export interface SyslogFields {
  /** Default 10*8+5 = 85: authpriv.notice, where IHE ATNA puts audit messages. */
  pri?: number;
  timestamp?: Date;
  hostname?: string;
  appName?: string;
  procId?: string;
  /** IHE ITI TF-2 3.20.7.1: 'IHE+RFC-3881' for DICOM audit messages. */
  msgId?: string;
  structuredData?: SdElement[];
  msg: string;
}

export function formatSyslog(f: SyslogFields): Uint8Array {
  const header = [
    `<${f.pri ?? 85}>1`,
    (f.timestamp ?? new Date()).toISOString(),
    field(f.hostname, 255),
    field(f.appName, 48),
    field(f.procId, 128),
    field(f.msgId ?? 'IHE+RFC-3881', 32),
    sd(f.structuredData ?? []),
  ].join(' ');
  const head = new TextEncoder().encode(`${header} `);
  const body = new TextEncoder().encode(f.msg);
  const out = new Uint8Array(head.length + 3 + body.length);
  out.set(head);
  out.set([0xef, 0xbb, 0xbf], head.length);
  out.set(body, head.length + 3);
  return out;
}

function field(v: string | undefined, max: number): string {
  if (!v) return '-';
  const clean = v.replace(/[^\x21-\x7e]/g, '_');
  return clean.slice(0, max);
}

function sd(elements: SdElement[]): string {
  if (elements.length === 0) return '-';
  return elements.map((e) => `[${e.id}${e.params.map(([n, v]) => ` ${n}="${v.replace(/["\\\]]/g, '\\$&')}"`).join('')}]`).join('');
}
