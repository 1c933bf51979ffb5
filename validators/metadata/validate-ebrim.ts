// Runs the metadata rules on an ebRIM message read from XML; a read failure is a finding.
import type { Finding } from '../../model/finding.ts';
import { readEbrimXmlLean, type EbrimMessage } from '../../protocols/ebrim/index.ts';
import type { XmlError, XmlLimits } from '../../protocols/xml/index.ts';
import { loadValueSets, type ValueSets } from '../catalogue/value-sets.ts';
import { runRules, type SeverityOverrides } from '../rule.ts';
import { METADATA_RULES } from './rules/index.ts';
import { viewOf, type MetadataView } from './view.ts';

export interface MetadataOptions {
  valueSets?: ValueSets;
  overrides?: SeverityOverrides;
  limits?: Partial<XmlLimits>;
}

export function validateEbrimXml(
  input: string | Uint8Array,
  artefact: string,
  opts: MetadataOptions = {},
): { findings: Finding[]; message?: EbrimMessage } {
  const r = readMessage(input, opts.limits);
  if ('code' in r) return { findings: [parseFinding(artefact, r.code, r.message, 'path' in r ? r.path : '/')] };
  const view = ebrimView(r);
  if (!view)
    return { findings: [parseFinding(artefact, 'not-metadata', `${r.kind} carries no registry metadata to validate`, r.path)], message: r };
  return { findings: runMetadataRules(view, artefact, opts), message: r };
}

// Returns the typed message only, so the XML tree can be collected before the rules run; the
// lean reader drops each entry's subtree as soon as it is read.
function readMessage(
  input: string | Uint8Array,
  limits: Partial<XmlLimits> | undefined,
): EbrimMessage | (XmlError | { code: string; message: string; path: string }) {
  const r = readEbrimXmlLean(input, limits);
  return r.ok ? r.message : r.error;
}

export function ebrimView(m: EbrimMessage): MetadataView | undefined {
  if (m.kind === 'SubmitObjectsRequest')
    return viewOf(m.objects, { role: 'submission', ...(m.documents ? { documents: m.documents } : {}) });
  if (m.kind === 'AdhocQueryResponse') return viewOf(m.objects, { role: 'registry' });
  return undefined;
}

export function runMetadataRules(view: MetadataView, artefact: string, opts: MetadataOptions = {}): Finding[] {
  return runRules(METADATA_RULES, view, { valueSets: opts.valueSets ?? loadValueSets() }, artefact, opts.overrides);
}

export function parseFinding(artefact: string, code: string, message: string, path: string): Finding {
  return { ruleId: `metadata.parse.${code}`, reqIds: ['XDS-031'], severity: 'error', message, location: { artefact, path } };
}
