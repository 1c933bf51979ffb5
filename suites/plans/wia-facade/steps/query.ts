// QIDO-RS through the SUT facade, as a DICOMweb viewer starts: the patient's studies (WIA-002)
// with the MCWG procedure mapping (WIA-003), then the series of the target study (WIA-004),
// and the refusal of a query not scoped to one patient (WIA-006). Expected values are those of
// the manifests and registry entries our seeded world holds.
import type { Finding } from '../../../../model/finding.ts';
import { seededOf, type SeededXds } from '../../common/imaging-consumer/seeded-xds.ts';
import { IDC_DOMAIN } from '../../common/imaging-consumer/seed.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { facadeBase, finding, first, qido, type JsonRow } from '../calls.ts';
import { JsonTag } from '../../../../protocols/dicom/tags.generated.ts';

/** What the seeded registry says and the facade must not return (typeCode, WIA default). */
const TYPE_CODE = '18748-4';
/** The eventCodeList procedure of every seeded manifest (MCWG mapping). */
const PROCEDURE = 'CT-THORAX';

export function seeded(ctx: StepContext): SeededXds {
  const s = seededOf(ctx.simulators);
  if (!s) throw new Error('the wia-facade plan needs its seeded xds simulator');
  return s;
}

const studiesUrl = (ctx: StepContext) => `${facadeBase(ctx)}/studies?PatientID=${encodeURIComponent(IDC_DOMAIN.patientId)}`;

export function studyQuery(): StepDef {
  return defineStep({
    id: 'studies',
    title: "QIDO-RS studies of the patient list every registered study with the manifest's values",
    verifies: ['WIA-002'],
    async run(ctx) {
      const s = seeded(ctx);
      const q = await qido(ctx, studiesUrl(ctx));
      if (!q.rows)
        return ctx.fromFindings([
          finding(
            'wia.studies.answer',
            ['WIA-002'],
            q.exchange,
            'HTTP',
            `expected 200 DICOM JSON; got ${q.status ?? q.error ?? 'nothing'}${q.error ? `: ${q.error}` : ''}`,
          ),
        ]);
      const out: Finding[] = [];
      for (const st of s.studies) {
        const row = q.rows.find((r) => first(r, JsonTag.StudyInstanceUID) === st.study.studyInstanceUid);
        const at = `[0020000D=${st.study.studyInstanceUid}]`;
        if (!row) {
          out.push(
            finding(
              'wia.studies.missing',
              ['WIA-002'],
              q.exchange,
              at,
              `study ${st.study.studyInstanceUid} (${st.accession}) registered for the patient is not listed`,
            ),
          );
          continue;
        }
        const expect: [string, string, unknown][] = [
          [JsonTag.AccessionNumber, 'AccessionNumber', st.accession],
          [JsonTag.StudyDate, 'StudyDate', st.date],
          [JsonTag.PatientID, 'PatientID', IDC_DOMAIN.patientId],
        ];
        for (const [tag, name, want] of expect) {
          if (first(row, tag) !== want)
            out.push(
              finding(
                'wia.studies.value',
                ['WIA-002'],
                q.exchange,
                `${at}/${tag}`,
                `${name} is ${JSON.stringify(first(row, tag) ?? null)}, the manifest says ${JSON.stringify(want)}`,
              ),
            );
        }
      }
      return ctx.fromFindings(out);
    },
  });
}

export function procedureMapping(): StepDef {
  return defineStep({
    id: 'procedure',
    title: 'Procedure Code Sequence, where returned, is the eventCodeList procedure (MCWG), not typeCode',
    verifies: ['WIA-003'],
    async run(ctx) {
      const q = await qido(ctx, `${studiesUrl(ctx)}&includefield=00081032`);
      const rows = q.rows ?? [];
      const items = rows.flatMap((r) =>
        ((r[JsonTag.ProcedureCodeSequence]?.Value ?? []) as JsonRow[]).map((i) => ({
          study: first(r, JsonTag.StudyInstanceUID),
          code: first(i, JsonTag.CodeValue),
          meaning: first(i, JsonTag.CodeMeaning),
        })),
      );
      if (items.length === 0)
        return {
          state: 'pass',
          message: 'no Procedure Code Sequence returned',
          notChecked: { reqIds: ['WIA-003'], reason: 'the facade returns no Procedure Code Sequence (0008,1032)' },
        };
      const wrong = items.filter((i) => i.code === TYPE_CODE || i.code !== PROCEDURE);
      return ctx.fromFindings(
        wrong.map((i) =>
          finding(
            'wia.procedure.type-code',
            ['WIA-003'],
            q.exchange,
            `[0020000D=${String(i.study)}]/00081032`,
            `Procedure Code ${String(i.code)} (${String(i.meaning)}) is not the eventCodeList procedure ${PROCEDURE}${i.code === TYPE_CODE ? '; it is the typeCode' : ''}`,
          ),
        ),
      );
    },
  });
}

export function seriesQuery(): StepDef {
  return defineStep({
    id: 'series',
    title: "QIDO-RS series of the target study match the manifest's series",
    verifies: ['WIA-004'],
    async run(ctx) {
      const target = seeded(ctx).studies[0]!.study;
      const q = await qido(ctx, `${facadeBase(ctx)}/studies/${target.studyInstanceUid}/series`);
      if (!q.rows)
        return ctx.fromFindings([
          finding('wia.series.answer', ['WIA-004'], q.exchange, 'HTTP', `expected 200 DICOM JSON; got ${q.status ?? q.error ?? 'nothing'}`),
        ]);
      const out: Finding[] = [];
      const got = new Map(q.rows.map((r): [unknown, JsonRow] => [first(r, JsonTag.SeriesInstanceUID), r]));
      for (const se of target.series) {
        const row = got.get(se.seriesInstanceUid);
        if (!row)
          out.push(
            finding(
              'wia.series.value',
              ['WIA-004'],
              q.exchange,
              `[0020000E=${se.seriesInstanceUid}]`,
              `series ${se.seriesInstanceUid} of the manifest is not listed`,
            ),
          );
        else if (row[JsonTag.NumberOfSeriesRelatedInstances] && first(row, JsonTag.NumberOfSeriesRelatedInstances) !== se.instances.length)
          out.push(
            finding(
              'wia.series.value',
              ['WIA-004'],
              q.exchange,
              `[0020000E=${se.seriesInstanceUid}]/00201209`,
              `NumberOfSeriesRelatedInstances is ${String(first(row, JsonTag.NumberOfSeriesRelatedInstances))}; the manifest lists ${se.instances.length}`,
            ),
          );
      }
      for (const uid of got.keys())
        if (!target.series.some((se) => se.seriesInstanceUid === uid))
          out.push(
            finding(
              'wia.series.value',
              ['WIA-004'],
              q.exchange,
              `[0020000E=${String(uid)}]`,
              `series ${String(uid)} is not in the manifest`,
            ),
          );
      return ctx.fromFindings(out);
    },
  });
}

export function unscoped(): StepDef {
  return defineStep({
    id: 'unscoped',
    title: 'Study queries without one literal PatientID are refused (4xx)',
    verifies: ['WIA-006'],
    async run(ctx) {
      const out: Finding[] = [];
      for (const q of ['', '?PatientID=*', `?StudyDate=19000101-`]) {
        const r = await qido(ctx, `${facadeBase(ctx)}/studies${q}`);
        if (r.status === undefined || r.status < 400 || r.status >= 500)
          out.push(
            finding(
              'wia.scope.unscoped',
              ['WIA-006'],
              r.exchange,
              'HTTP',
              `GET /studies${q} answered ${r.status ?? r.error ?? 'nothing'}${r.rows ? ` with ${r.rows.length} studies` : ''}; a query not scoped to one patient must be refused`,
            ),
          );
      }
      return ctx.fromFindings(out);
    },
  });
}
