// What hl7v2 rules see: the parsed message (or why it did not parse) and the context the
// deployment sets: where the accession travels and, for linkage, the manifest's facts.
import type { ParseFailure } from '../../protocols/hl7v2/er7-parser.ts';
import { messageType, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import type { ManifestFacts } from '../manifest-facts.ts';
import { accessionSetting, type AccessionEncoding, type AccessionSetting } from './accession-setting.ts';

export interface Hl7View {
  message?: Hl7Message;
  parseError?: ParseFailure;
  /** 'wire': received over MLLP; 'file': a file on disk (both are held to CR segment ends). */
  source: 'file' | 'wire';
}

export interface Hl7Ctx {
  /** Field carrying the accession number (RIS-006): 'OBR-18' by default, or 'OBR-3'. */
  accessionField: string;
  /** How that field carries the issuer (accession-setting.ts); default: the field's v2.5.1 type. */
  accessionEncoding?: AccessionEncoding;
  /** The deployment's agreed accession issuer OID, for an ST field. */
  accessionIssuerOid?: string;
  manifest?: ManifestFacts;
}

export const DEFAULT_HL7_CTX: Hl7Ctx = { accessionField: 'OBR-18' };

export type MessageKind = 'report' | 'order' | 'adt' | 'other';

const KINDS = new WeakMap<Hl7Message, MessageKind>();

export function kindOf(msg: Hl7Message): MessageKind {
  let k = KINDS.get(msg);
  if (!k) KINDS.set(msg, (k = kindOfUncached(msg)));
  return k;
}

function kindOfUncached(msg: Hl7Message): MessageKind {
  const t = messageType(msg);
  if (t === 'ORU^R01' || t === 'MDM^T02') return 'report';
  if (t === 'ORM^O01' || t === 'OMI^O23') return 'order';
  if (t.startsWith('ADT^')) return 'adt';
  return 'other';
}

/** Runs `fn` only for a parsed message of one of the kinds; rules stay one-liners. */
export function forKinds<T>(view: Hl7View, kinds: readonly MessageKind[], fn: (m: Hl7Message) => T[]): T[] {
  const m = view.message;
  return m && kinds.includes(kindOf(m)) ? fn(m) : [];
}

/** The accession setting of a context, defaults filled in. */
export function accessionOf(ctx: Hl7Ctx): AccessionSetting {
  return accessionSetting({ field: ctx.accessionField, encoding: ctx.accessionEncoding, issuerOid: ctx.accessionIssuerOid });
}

/** The context fields for a setting (the inverse of accessionOf). */
export function hl7CtxOf(a: AccessionSetting): Pick<Hl7Ctx, 'accessionField' | 'accessionEncoding' | 'accessionIssuerOid'> {
  return { accessionField: a.field, accessionEncoding: a.encoding, ...(a.issuerOid ? { accessionIssuerOid: a.issuerOid } : {}) };
}
