// The SUT's ITI-67: a DocumentReference search for the seeded patient narrowed by at least one
// MCWG filter (modality or anatomic region, a date range, the accession or Study UID: META-023)
// whose answer holds the target manifest; then its ITI-68 of that manifest's bytes.
import { createHash } from 'node:crypto';
import type { Exchange } from '../../../../model/exchange.ts';
import type { Finding } from '../../../../model/finding.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { exchangeFinding as finding } from '../../common/step-kit.ts';
import type { PlanState } from '../../common/imaging-consumer/state.ts';
import { seededOf, type SeededXds } from '../../common/imaging-consumer/seeded-xds.ts';

export const WAIT_MS = 120_000;
const NARROWING = ['modality', 'event', 'anatomic-region', 'period', 'date', 'creation', 'related', 'study-instance-uid', 'accession'];
/** The ITI-67 search parameters that count as MCWG filters, as the tester reads them. */
export const FILTERS = `ITI-67 parameters ${NARROWING.map((n) => `'${n}'`).join(', ')}, with their modifiers, e.g. 'modality', 'period=ge2025-01-01', 'accession'`;

export function instructions(s: SeededXds, base: string): string {
  const t = s.studies[0]!;
  return `with the MHD responder ${base}, find and display the ${t.modality} study of patient ${s.patientCx} of ${t.date} (accession ${t.accession}, Study Instance UID ${t.study.studyInstanceUid}): search DocumentReference by ITI-67 for the patient with at least one MCWG filter (${FILTERS}), retrieve its manifest by ITI-68, then its images by WADO-RS from the manifest`;
}

/** Search parameters of a recorded ITI-67 (GET query or POST _search form). */
export function searchParams(ex: Exchange): URLSearchParams {
  const line = ex.request.url ?? (ex.request.summary ?? '').split(' ')[1] ?? '';
  const q = new URLSearchParams(line.includes('?') ? line.slice(line.indexOf('?') + 1) : '');
  if (/_search/.test(line) && ex.request.body) for (const [k, v] of new URLSearchParams(ex.request.body)) q.append(k, v);
  return q;
}

const need = (ctx: { simulators: Readonly<Record<string, unknown>> }) => {
  const s = seededOf(ctx.simulators as never);
  if (!s || !ctx.simulators.mhd) throw new Error('the MHD consumer plan needs its seeded xds and mhd simulators');
  return s;
};

export function findStudy(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'find',
    title: 'ITI-67 for the patient with MCWG filters returns the target manifest',
    verifies: ['META-023'],
    async run(ctx) {
      const seeded = need(ctx);
      const mhd = ctx.simulators.mhd!;
      const ex = await ctx.waitFor({
        transaction: 'ITI-67',
        simulator: 'mhd',
        timeoutMs: waitMs,
        instructions: instructions(seeded, mhd.url),
      });
      const q = searchParams(ex);
      const out: Finding[] = [];
      const [id, oid] = [seeded.patientCx.split('^')[0]!, /&([0-9.]+)&/.exec(seeded.patientCx)?.[1] ?? ''];
      const patient = [...q.getAll('patient.identifier'), ...q.getAll('patient')];
      if (!patient.some((p) => p.includes(id) && (p.includes(oid) || !p.includes('|'))))
        out.push(
          finding(
            'mhdc.query.patient',
            ['META-023'],
            ex,
            'patient.identifier',
            `the search is not for patient ${seeded.patientCx} (got ${patient.join(', ') || 'none'})`,
          ),
        );
      const used = NARROWING.filter((n) => [...q.keys()].some((k) => k === n || k.startsWith(`${n}:`) || k.startsWith(`${n}.`)));
      if (used.length === 0)
        out.push(
          finding(
            'mhdc.query.over-broad',
            ['META-023'],
            ex,
            'search parameters',
            `over-broad search (${[...q.keys()].join(', ')}): MCWG consumers narrow by at least one of ${NARROWING.join(', ')}`,
          ),
        );
      const target = seeded.studies[0]!;
      if (!(ex.response?.body ?? '').includes(target.manifestUid))
        out.push(
          finding(
            'mhdc.query.target',
            ['META-023'],
            ex,
            'Bundle.entry',
            `the answer does not hold the target manifest (${target.manifestUid})`,
          ),
        );
      return ctx.fromFindings(out, [ex.id]);
    },
  });
}

export function retrieveManifest(state: PlanState, waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'retrieve-manifest',
    title: "The SUT retrieves the target study's manifest by ITI-68",
    verifies: ['WADO-012'],
    async run(ctx) {
      const seeded = need(ctx);
      const ex = await ctx.waitFor({
        transaction: 'ITI-68',
        simulator: 'mhd',
        timeoutMs: waitMs,
        instructions: instructions(seeded, ctx.simulators.mhd!.url),
      });
      const byHash = new Map(seeded.studies.map((s) => [createHash('sha256').update(s.manifest).digest('hex'), s]));
      const got = ex.response?.sha256 ? byHash.get(ex.response.sha256) : undefined;
      if (!got)
        return ctx.fromFindings(
          [
            finding(
              'mhdc.manifest.none',
              ['WADO-012'],
              ex,
              'HTTP body',
              `the ITI-68 ${ex.request.summary ?? ''} did not return a seeded manifest (${ex.response?.summary ?? ex.error ?? 'no answer'})`,
            ),
          ],
          [ex.id],
        );
      if (got.key !== 'target')
        return ctx.fromFindings(
          [
            finding(
              'mhdc.manifest.wrong-study',
              ['WADO-012'],
              ex,
              'HTTP body',
              `retrieved the manifest of the ${got.key} study, not the target`,
            ),
          ],
          [ex.id],
        );
      state.retrieved = got;
      return ctx.fromFindings([], [ex.id]);
    },
  });
}
