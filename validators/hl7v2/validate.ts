// validateHl7: bytes of one message (plain ER7 or one MLLP frame) -> findings. Never throws.
import { parseEr7 } from '../../protocols/hl7v2/er7-parser.ts';
import { CR, EB, SB } from '../../protocols/hl7v2/mllp-framer.ts';
import type { Hl7Message } from '../../protocols/hl7v2/message.ts';
import type { Finding } from '../../model/finding.ts';
import { runRules } from '../rule.ts';
import { HL7_LINK_RULES, HL7_MESSAGE_RULES } from './rules/index.ts';
import { DEFAULT_HL7_CTX, type Hl7Ctx, type Hl7View } from './view.ts';

export function hl7View(bytes: Uint8Array, source: Hl7View['source']): Hl7View {
  const r = parseEr7(unframe(bytes));
  return r.ok ? { message: r.message, source } : { parseError: r, source };
}

export function validateHl7(bytes: Uint8Array, artefact: string, ctx: Partial<Hl7Ctx> = {}, source: Hl7View['source'] = 'file'): Finding[] {
  const full: Hl7Ctx = { ...DEFAULT_HL7_CTX, ...ctx };
  const view = hl7View(bytes, source);
  const rules = full.manifest ? [...HL7_MESSAGE_RULES, ...HL7_LINK_RULES] : HL7_MESSAGE_RULES;
  return runRules(rules, view, full, artefact);
}

/** For a message already parsed (the RIS receiver): no second parse. */
export function validateMessage(
  message: Hl7Message,
  artefact: string,
  ctx: Partial<Hl7Ctx> = {},
  source: Hl7View['source'] = 'wire',
): Finding[] {
  const full: Hl7Ctx = { ...DEFAULT_HL7_CTX, ...ctx };
  const rules = full.manifest ? [...HL7_MESSAGE_RULES, ...HL7_LINK_RULES] : HL7_MESSAGE_RULES;
  return runRules(rules, { message, source }, full, artefact);
}

/** A file saved from a capture may still hold its MLLP frame; strip it (and trailing newlines). */
function unframe(b: Uint8Array): Uint8Array {
  let start = 0;
  let end = b.length;
  if (b[0] === SB) start = 1;
  while (end > start && (b[end - 1] === 0x0a || (b[end - 1] === CR && b[end - 2] === EB))) end -= b[end - 1] === CR ? 2 : 1;
  if (b[end - 1] === EB) end--;
  return b.subarray(start, end);
}
