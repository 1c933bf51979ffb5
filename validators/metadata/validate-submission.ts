// A whole ITI-41 / RAD-68 submission (XML, SOAP, MTOM) or ITI-65 Bundle in one report:
// parse problems, metadata rules, hash/size, each contained KOS through the KOS validator,
// and KOS <-> DocumentEntry consistency.
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import type { DocumentReference, Identifier } from 'fhir/r4.js';
import type { Finding } from '../../model/finding.ts';
import { NS, childOf, parseXml, type XmlElement } from '../../protocols/xml/index.ts';
import { readEbrim, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { MtomError, normalizeCid, parseMtom, type MtomLimits } from '../../protocols/mtom/index.ts';
import { KOS_SOP_CLASS } from '../../protocols/dicom/sop-classes.ts';
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import { checkKosAgainstEntry, checkMhdSubject } from '../consistency/rule-sets.ts';
import { readKos, validateKos } from '../kos/validate.ts';
import { isManifest } from './entries.ts';
import { detectSubmission } from './submission-input.ts';
import { ebrimView, parseFinding, runMetadataRules, type MetadataOptions } from './validate-ebrim.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

const PNR_ACTION = XDS_ACTION.provide;

export interface SubmissionOptions extends MetadataOptions {
  mtomLimits?: Partial<MtomLimits>;
}

/** A submission held in memory. */
export async function validateSubmission(bytes: Uint8Array, artefact: string, opts: SubmissionOptions = {}): Promise<Finding[]> {
  return validateSubmissionSource(
    {
      head: bytes.subarray(0, 4096),
      all: () => bytes,
      from: async function* (start) {
        yield bytes.subarray(start);
      },
    },
    artefact,
    opts,
  );
}

/** Where a submission's bytes come from: MTOM bodies are streamed from `from`, other kinds read whole. */
export interface SubmissionSource {
  head: Uint8Array;
  all(): Uint8Array;
  from(start: number): AsyncIterable<Uint8Array>;
}

export async function validateSubmissionSource(src: SubmissionSource, artefact: string, opts: SubmissionOptions = {}): Promise<Finding[]> {
  const input = detectSubmission(src.head);
  if (input.kind === 'json') return validateBundle(src.all(), artefact, opts);
  let xml: Uint8Array | string = input.kind === 'xml' ? src.all() : '';
  let parts: Map<string, { data: Buffer }> | undefined;
  const findings: Finding[] = [];
  if (input.kind === 'mtom') {
    try {
      const m = await parseMtom(src.from(input.bodyStart), input.contentType, opts.mtomLimits);
      xml = m.rootXml;
      parts = m.parts;
    } catch (err) {
      const kind = err instanceof MtomError ? err.kind : 'malformed';
      return [
        {
          ruleId: `submission.mtom.${kind}`,
          reqIds: ['XDS-001', 'XDS-031'],
          severity: 'error',
          message: `MTOM message unreadable: ${err instanceof Error ? err.message : String(err)}`,
          location: { artefact, path: 'multipart/related' },
        },
      ];
    }
  }
  const x = parseXml(xml, opts.limits);
  if (!x.ok) return [parseFinding(artefact, x.error.code, x.error.message, '/')];
  findings.push(...envelopeFindings(x.root, input.kind === 'mtom', artefact));
  const r = readEbrim(x.root);
  if (!r.ok) return [...findings, parseFinding(artefact, r.error.code, r.error.message, 'path' in r.error ? r.error.path : '/')];
  const view = ebrimView(r.message);
  if (!view || r.message.kind !== 'SubmitObjectsRequest')
    return [...findings, parseFinding(artefact, 'not-submission', `${r.message.kind} is not a submission`, r.message.path)];
  // Resolve xop:Include references against the MTOM parts before hash/size and KOS checks.
  for (const d of view.documents ?? []) {
    if (d.include === undefined) continue;
    const part = parts?.get(normalizeCid(d.include));
    if (part) d.content = part.data;
    else
      findings.push({
        ruleId: 'submission.xop.unresolved',
        reqIds: ['XDS-002'],
        severity: 'error',
        message: `xds:Document ${d.id}: xop:Include ${d.include} names no MIME part of the message`,
        location: { artefact, path: `${d.path}/xop:Include` },
      });
  }
  findings.push(...runMetadataRules(view, artefact, opts));
  const docs = new Map((view.documents ?? []).filter((d) => d.content).map((d) => [d.id, d]));
  // What the document is decides, not what the metadata claims: a KOS under report metadata
  // is still checked as the manifest it is (META-011).
  for (const de of view.objects.documentEntries) {
    const doc = docs.get(de.id);
    if (doc?.content && (isManifest(de) || isKos(doc.content)))
      findings.push(...kosFindings(doc.content, de, `${artefact}#${de.id}`, artefact, 'ebrim', opts));
  }
  return findings;
}

function envelopeFindings(root: XmlElement, mtom: boolean, artefact: string): Finding[] {
  const out: Finding[] = [];
  const f = (message: string, path: string, severity: Finding['severity'] = 'error'): Finding => ({
    ruleId: 'submission.envelope',
    reqIds: ['XDS-001'],
    severity,
    message,
    location: { artefact, path },
  });
  if (root.ns !== NS.soap12 || root.name !== 'Envelope') {
    out.push(f('the message is not a SOAP 1.2 envelope; only its metadata could be checked', root.path, 'info'));
    return out;
  }
  const action = childOf(root, NS.soap12, 'Header') && childOf(childOf(root, NS.soap12, 'Header')!, NS.wsa, 'Action');
  if (!action) out.push(f(`no wsa:Action header; expected ${PNR_ACTION}`, `${root.path}/env:Header`));
  else if (action.text !== PNR_ACTION) out.push(f(`wsa:Action is '${action.text}'; expected ${PNR_ACTION}`, action.path));
  if (!mtom) out.push(f('ITI-41 / RAD-68 must travel as MTOM/XOP multipart/related; this envelope came without it', root.path, 'warning'));
  return out;
}

function kosFindings(
  bytes: Uint8Array,
  de: DocumentEntry,
  kosArtefact: string,
  artefact: string,
  origin: 'ebrim' | 'fhir',
  opts: MetadataOptions,
): Finding[] {
  const out = validateKos(bytes, { artefact: kosArtefact });
  const read = readKos(bytes, kosArtefact);
  if (read.facts) out.push(...checkKosAgainstEntry(read.facts, de, artefact, origin, opts.overrides));
  return out;
}

async function validateBundle(bytes: Uint8Array, artefact: string, opts: MetadataOptions): Promise<Finding[]> {
  // The FHIR validator (ajv, fhirpath) loads only for a Bundle: an ITI-41 never needs it.
  const { validateFhirJson } = await import('./validate-fhir.ts');
  const v = validateFhirJson(bytes, artefact, opts);
  const findings = [...v.findings];
  const bundle = v.json as { entry?: { fullUrl?: string; resource?: { resourceType?: string; data?: string } }[] } | undefined;
  const refs = (bundle?.entry ?? []).flatMap((e) =>
    e.resource?.resourceType === 'DocumentReference' ? [e.resource as unknown as DocumentReference] : [],
  );
  const resolve = (ref: string | undefined) =>
    ref === undefined
      ? undefined
      : bundle?.entry?.find(
          (e) =>
            e.fullUrl === ref || (e.resource?.resourceType && `${e.resource.resourceType}/${(e.resource as { id?: string }).id}` === ref),
        )?.resource;
  refs.forEach((dr, i) => {
    const de = v.entries[i];
    if (!de) return;
    const url = dr.content?.[0]?.attachment?.url;
    const bin = resolve(url);
    if (bin?.resourceType !== 'Binary' || typeof bin.data !== 'string') return;
    const bytes = Buffer.from(bin.data, 'base64');
    // The Binary says what the document is: a KOS is checked as one whatever the metadata claims (META-011).
    if (!isManifest(de) && !isKos(bytes)) return;
    findings.push(...kosFindings(bytes, de, `${artefact}#${url}`, artefact, 'fhir', opts));
    const facts = readKos(bytes, `${artefact}#${url}`).facts;
    if (facts) {
      const patient = resolve(dr.subject?.reference) as { resourceType?: string; identifier?: Identifier[] } | undefined;
      const identifiers = dr.subject?.identifier
        ? [dr.subject.identifier]
        : patient?.resourceType === 'Patient'
          ? (patient.identifier ?? [])
          : undefined;
      findings.push(...checkMhdSubject({ facts, identifiers, path: `${de.path}.subject` }, artefact, opts.overrides));
    }
  });
  return findings;
}

/** A DICOM Part 10 Key Object Selection document, by its preamble and SOP Class UID. */
function isKos(bytes: Uint8Array): boolean {
  if (Buffer.from(bytes.subarray(128, 132)).toString('latin1') !== 'DICM') return false;
  const peek = readPart10(bytes, { shallow: true });
  return new Dicom(peek).str(peek.dataSet, Tag.SOPClassUID) === KOS_SOP_CLASS;
}
