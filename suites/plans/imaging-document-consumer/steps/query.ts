// The SUT's ITI-18: FindDocuments (or FindDocumentsByReferenceId) for the patient, narrowed by
// at least one MCWG filter (modality or anatomic region in the event code list, a date range,
// the accession or Study Instance UID in the reference ID list: META-023), with the patient ID
// (XDS-025); its answer must hold the target manifest. The evidence names each filter it used.
import type { Finding } from '../../../../model/finding.ts';
import { DE, externalIdOf } from '../../../../protocols/ebrim/index.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { seededOf } from '../../common/imaging-consumer/seeded-xds.ts';
import { finding, paramValues, queryOf, queryResponseOf, WAIT_MS } from '../../common/imaging-consumer/state.ts';
import { instructions } from '../../common/imaging-consumer/instructions.ts';

export { WAIT_MS };
const P = '$XDSDocumentEntry';
/** Filters that narrow a patient's documents to a study (MCWG level 1 metadata). */
const NARROWING = [
  'EventCodeList',
  'ReferenceIdList',
  'ServiceStartTimeFrom',
  'ServiceStartTimeTo',
  'ServiceStopTimeFrom',
  'ServiceStopTimeTo',
  'CreationTimeFrom',
  'CreationTimeTo',
].map((n) => `${P}${n}`);

export function findStudy(waitMs = WAIT_MS): StepDef {
  return defineStep({
    id: 'find',
    title: 'FindDocuments with the patient ID and MCWG filters returns the target manifest',
    verifies: ['META-023', 'XDS-025'],
    async run(ctx) {
      const seeded = seededOf(ctx.simulators);
      if (!seeded) throw new Error('the consumer plan needs its seeded xds simulator');
      const ex = await ctx.waitFor({ transaction: 'ITI-18', simulator: 'xds', timeoutMs: waitMs, instructions: instructions(seeded) });
      const art = `ITI-18 ${ex.id}`;
      const q = queryOf(ex);
      if (typeof q === 'string') return ctx.fromFindings([finding('idc.query.readable', ['XDS-025'], art, 'soap:Body', q, 'error', ex.id)]);
      const out: Finding[] = [];
      if (q.queryId !== QUERY.FindDocuments && q.queryId !== QUERY.FindDocumentsByReferenceId) {
        out.push(
          finding(
            'idc.query.find-documents',
            ['XDS-025'],
            art,
            'AdhocQuery/@id',
            `expected FindDocuments (${QUERY.FindDocuments}); got ${q.queryId}`,
            'error',
            ex.id,
          ),
        );
      }
      const pid = paramValues(q, `${P}PatientId`);
      if (pid.length === 0)
        out.push(
          finding(
            'idc.query.patient-id',
            ['XDS-025'],
            art,
            `Slot[@name='${P}PatientId']`,
            'the query has no $XDSDocumentEntryPatientId: FindDocuments is by patient',
            'error',
            ex.id,
          ),
        );
      else if (pid[0] !== seeded.patientCx)
        out.push(
          finding(
            'idc.query.patient-id',
            ['XDS-025'],
            art,
            `Slot[@name='${P}PatientId']`,
            `asked for patient ${pid[0]}; the study is of ${seeded.patientCx}`,
            'error',
            ex.id,
          ),
        );
      const used = NARROWING.filter((n) => paramValues(q, n).length > 0);
      if (used.length === 0) {
        out.push(
          finding(
            'idc.query.over-broad',
            ['META-023'],
            art,
            'AdhocQuery',
            'over-broad query: only the patient ID; MCWG consumers narrow by modality, anatomic region, dates, accession or Study Instance UID',
            'error',
            ex.id,
          ),
        );
      }
      const res = queryResponseOf(ex);
      const target = seeded.studies[0]!;
      if (out.length === 0 && typeof res !== 'string') {
        const found = res.objects.documentEntries.map((e) => externalIdOf(e, DE.uniqueId)?.value);
        if (!found.includes(target.manifestUid))
          out.push(
            finding(
              'idc.query.misses-target',
              ['META-023'],
              art,
              'AdhocQueryResponse',
              `the filters (${used.join(', ')}) exclude the requested study: ${found.length} entries returned, not its manifest`,
              'error',
              ex.id,
            ),
          );
      }
      if (out.length > 0) return ctx.fromFindings(out, [ex.id]);
      return { state: 'pass', message: `filters: ${used.map((n) => n.slice(P.length)).join(', ')}`, evidence: [ex.id] };
    },
  });
}
