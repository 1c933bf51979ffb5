// The XDS-I.b manifest of the study under test: the one the SUT profile names (a file, or its
// registry/repository: manifest-source.ts), else the KOS titled "Manifest" (113030) the source
// serves in the study itself. The manifest says which instances the study must return and with
// which identity. From the study, only KOS parts are kept in memory; images are read and dropped.
import { KOS_SOP_CLASS as KOS_CLASS } from '../../../../protocols/dicom/sop-classes.ts';
import type { Finding } from '../../../../model/finding.ts';
import { readPart10 } from '../../../../protocols/dicom/reader.ts';
import { Dicom } from '../../../../protocols/dicom/values.ts';
import { getMultipart } from '../../../../simulators/clients/wado-rs-exchange.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import type { ManifestFacts } from '../../../../validators/manifest-facts.ts';
import { withClientSecurity } from '../../common/client-tls.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { missingInput, studyOf, type PlanState } from '../state.ts';
import { profileManifest } from './manifest-source.ts';
import { Tag } from '../../../../protocols/dicom/tags.generated.ts';

const MANIFEST_TITLE = '113030';
const KOS_MAX = 4 * 1024 * 1024;

export function findManifest(state: PlanState): StepDef {
  return defineStep({
    id: 'manifest',
    title: 'The study retrieve returns the study and its manifest',
    verifies: ['WADO-001', 'WADO-004'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const study = studyOf(ctx.sut)!;
      const given = await profileManifest(ctx);
      if (given) {
        // Our input, not the source's behaviour: a manifest we cannot obtain leaves nothing judged.
        if ('problem' in given) return { state: 'error', message: given.problem };
        const r = readKos(given.bytes, 'manifest');
        if (!r.facts)
          return {
            state: 'error',
            message: `the manifest from ${given.origin} is not a readable KOS: ${r.findings.map((f) => f.message).join('; ') || 'no data set'}`,
          };
        if (r.facts.studyInstanceUid !== study)
          return {
            state: 'error',
            message: `the manifest from ${given.origin} is of study ${r.facts.studyInstanceUid}, not oids.studyInstanceUid ${study}`,
          };
        state.manifest = { facts: r.facts, sopInstanceUid: r.facts.sopInstanceUid };
        const att = await ctx.evidence.attach('manifest.dcm', given.bytes, 'application/dicom');
        return { state: 'pass', message: `manifest ${r.facts.sopInstanceUid} from ${given.origin}: ${count(r.facts)}`, evidence: [att] };
      }
      const url = `${ctx.sut.endpoints.wadoRs!.replace(/\/+$/, '')}/studies/${study}`;
      const kos: Buffer[] = [];
      const res = await getMultipart(
        url,
        { accept: PART10_ACCEPT, timeoutMs: 60_000, idleTimeoutMs: 15_000, ...withClientSecurity(ctx.sut) },
        async (part) => {
          const chunks: Buffer[] = [];
          let size = 0;
          for await (const c of part.body as AsyncIterable<Buffer>) {
            size += c.length;
            if (size <= KOS_MAX) chunks.push(c);
          }
          if (size > KOS_MAX) return;
          const bytes = Buffer.concat(chunks);
          const peek = readPart10(bytes, { shallow: true });
          if (new Dicom(peek).str(peek.dataSet, Tag.SOPClassUID) === KOS_CLASS) kos.push(bytes);
        },
      );
      const id = await ctx.evidence.exchange(res.exchange);
      const fail = (reqIds: string[], path: string, message: string): Finding => ({
        ruleId: 'wado.plan.study',
        reqIds,
        severity: 'error',
        message,
        location: { artefact: url, path },
        evidence: [id],
      });
      if (res.status !== 200)
        return ctx.fromFindings([
          fail(
            ['WADO-001'],
            'HTTP status',
            `the study retrieve answered ${res.status ?? `nothing (${res.failure?.message ?? 'no answer'})`}`,
          ),
        ]);
      if (res.failure)
        return ctx.fromFindings([
          fail(
            ['WADO-001', 'WADO-004'],
            `part[${res.parts}]`,
            `the study's multipart body broke after ${res.parts} part(s): ${res.failure.message}`,
          ),
        ]);
      for (const bytes of kos) {
        const r = readKos(bytes, 'manifest');
        if (r.facts?.title?.code === MANIFEST_TITLE) {
          state.manifest = { facts: r.facts, sopInstanceUid: r.facts.sopInstanceUid };
          const att = await ctx.evidence.attach('manifest.dcm', bytes, 'application/dicom');
          return { state: 'pass', message: `manifest ${r.facts.sopInstanceUid} from the study: ${count(r.facts)}`, evidence: [att] };
        }
      }
      return {
        state: 'skip',
        message: `study ${study} holds no XDS-I.b manifest (KOS titled 113030) to check the other instances against, and the SUT profile names none (manifest.file or manifest.documentUniqueId)`,
      };
    },
  });
}

const count = (f: ManifestFacts): string =>
  `${f.series.reduce((n, s) => n + s.instances.length, 0)} instances in ${f.series.length} series`;
