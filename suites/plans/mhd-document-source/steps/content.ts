// The Bundle's content: the MHD and MCWG metadata rules (validators/metadata, FHIR side), each
// attachment's Binary with the manifest bytes as application/dicom (MHD-002) described by its
// hash and size (MHD-003), and subjects that name the affinity-domain patient (MHD-007).
import { createHash } from 'node:crypto';
import type { Binary, DocumentReference, Reference } from 'fhir/r4.js';
import type { Finding } from '../../../../model/finding.ts';
import { loadValueSets } from '../../../../validators/catalogue/value-sets.ts';
import { validateFhir } from '../../../../validators/metadata/validate-fhir.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, knownTokens, listsOf, need, resources, type PlanState } from '../state.ts';

export function validateBundle(state: PlanState): StepDef {
  return defineStep({
    id: 'metadata',
    title: 'The Bundle passes the MHD and MCWG metadata rules',
    verifies: ['MHD-001', 'MHD-002', 'META-050', 'META-051', 'META-052', 'META-053', 'META-054'],
    run(ctx) {
      const p = need(state.published, 'the published Bundle');
      const r = validateFhir(p.bundle, 'ITI-65', { valueSets: loadValueSets() });
      return ctx.fromFindings(
        r.findings.map((f) => ({ ...f, location: { ...f.location, artefact: `ITI-65 ${p.exchange.id}` } })),
        [p.exchange.id],
      );
    },
  });
}

export function attachments(state: PlanState): StepDef {
  return defineStep({
    id: 'attachments',
    title: 'Each attachment is a Binary of application/dicom bytes that its hash and size describe',
    verifies: ['MHD-002', 'MHD-003'],
    run(ctx) {
      const { exchange: ex, bundle } = need(state.published, 'the published Bundle');
      const binaries = new Map(resources<Binary>(bundle, 'Binary').flatMap((b) => (b.fullUrl ? [[b.fullUrl, b]] : [])));
      const out: Finding[] = [];
      for (const { resource: dr, index } of resources<DocumentReference>(bundle, 'DocumentReference')) {
        const at = `Bundle.entry[${index}].resource.content[0].attachment`;
        const att = dr.content[0]?.attachment;
        const bin = att?.url ? binaries.get(att.url) : undefined;
        if (!att || !bin) {
          out.push(
            finding(
              'mhd-src.attachment.binary',
              ['MHD-002'],
              ex,
              `${at}.url`,
              `attachment.url ${att?.url ?? '(none)'} names no Binary of the Bundle`,
            ),
          );
          continue;
        }
        if (bin.resource.contentType !== 'application/dicom')
          out.push(
            finding(
              'mhd-src.binary.type',
              ['MHD-002'],
              ex,
              `Bundle.entry[${bin.index}].resource.contentType`,
              `expected application/dicom; got ${bin.resource.contentType}`,
            ),
          );
        const bytes = Buffer.from(bin.resource.data ?? '', 'base64');
        const sha1 = createHash('sha1').update(bytes).digest('base64');
        if (att.hash !== sha1)
          out.push(
            finding(
              'mhd-src.attachment.hash',
              ['MHD-003'],
              ex,
              `${at}.hash`,
              `hash ${att.hash ?? '(none)'} is not the base64 SHA-1 of the Binary (${sha1})`,
            ),
          );
        if (att.size !== bytes.length)
          out.push(
            finding(
              'mhd-src.attachment.size',
              ['MHD-003'],
              ex,
              `${at}.size`,
              `size ${att.size ?? '(none)'} is not the ${bytes.length} bytes of the Binary`,
            ),
          );
      }
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function subjects(state: PlanState): StepDef {
  return defineStep({
    id: 'subjects',
    title: 'The DocumentReferences and the SubmissionSet List reference the affinity-domain patient',
    verifies: ['MHD-007'],
    run(ctx) {
      const { exchange: ex, bundle } = need(state.published, 'the published Bundle');
      const known = knownTokens(ctx.sut.patientIdDomains);
      const out: Finding[] = [];
      const check = (subject: Reference | undefined, path: string) => {
        const token = `${subject?.identifier?.system ?? ''}|${subject?.identifier?.value ?? ''}`;
        if (!known.has(token))
          out.push(
            finding(
              'mhd-src.subject',
              ['MHD-007'],
              ex,
              `${path}.subject.identifier`,
              `${token} is not a patient of the affinity domain (${[...known].join(', ')})`,
            ),
          );
      };
      for (const { resource, index } of resources<DocumentReference>(bundle, 'DocumentReference'))
        check(resource.subject, `Bundle.entry[${index}].resource`);
      for (const { resource, index } of listsOf(bundle)) check(resource.subject, `Bundle.entry[${index}].resource`);
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}
