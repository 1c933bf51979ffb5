// ITI-18 FindDocuments by patient: the registry returns the entry our provide test
// registered, with the hash and size the repository computed over the bytes and its
// repositoryUniqueId (XDS-010), and every referenceIdList value kept (XDS-021).
import type { Finding } from '../../../../model/finding.ts';
import { SLOT, STATUS, slotValues } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { findDocuments, finding, slot1, uniqueIdOf } from '../calls.ts';
import { need, type PlanState } from '../state.ts';

export function findRegistered(state: PlanState): StepDef {
  return defineStep({
    id: 'find-documents',
    title: 'FindDocuments by patient returns the registered entry with its repository-computed hash and size',
    // META-046: the registry's hash and size are those of the stored bytes (the same comparison as XDS-010).
    verifies: ['XDS-010', 'XDS-014', 'XDS-015', 'XDS-021', 'META-046'],
    async run(ctx) {
      const reg = need(state.registered, 'the registered document');
      const patient = reg.patientCx;
      const q = await findDocuments(ctx, patient);
      const ex = q.exchange;
      if (!q.response)
        return ctx.fromFindings([finding('drr.find.response', ['XDS-014'], ex, 'soap:Body', `no AdhocQueryResponse: ${q.error ?? ''}`)]);
      if (q.response.status !== STATUS.success)
        return ctx.fromFindings([
          finding(
            'drr.find.status',
            ['XDS-014'],
            ex,
            'AdhocQueryResponse/@status',
            `FindDocuments answered ${q.response.status} [${q.response.errors.map((e) => e.errorCode).join(', ')}]`,
          ),
        ]);
      const entry = q.response.objects.documentEntries.find((e) => uniqueIdOf(e) === reg.uniqueId);
      if (!entry)
        return ctx.fromFindings([
          finding(
            'drr.find.missing',
            ['XDS-015'],
            ex,
            'rim:RegistryObjectList',
            `the registered DocumentEntry (uniqueId ${reg.uniqueId}) is not among the ${q.response.objects.documentEntries.length} FindDocuments returned`,
          ),
        ]);
      const out: Finding[] = [];
      const at = `rim:ExtrinsicObject[@id='${entry.id}']`;
      if (slot1(entry, 'hash')?.toLowerCase() !== reg.sha1)
        out.push(
          finding(
            'drr.find.hash',
            ['XDS-010', 'META-046'],
            ex,
            `${at}/rim:Slot[@name='hash']`,
            `hash ${slot1(entry, 'hash') ?? '(none)'} is not the SHA-1 of the stored bytes (${reg.sha1})`,
          ),
        );
      if (slot1(entry, 'size') !== String(reg.bytes.byteLength))
        out.push(
          finding(
            'drr.find.size',
            ['XDS-010', 'META-046'],
            ex,
            `${at}/rim:Slot[@name='size']`,
            `size ${slot1(entry, 'size') ?? '(none)'} is not ${reg.bytes.byteLength}`,
          ),
        );
      const repo = slot1(entry, 'repositoryUniqueId');
      if (!repo)
        out.push(
          finding(
            'drr.find.repository',
            ['XDS-010'],
            ex,
            `${at}/rim:Slot[@name='repositoryUniqueId']`,
            'the entry has no repositoryUniqueId',
          ),
        );
      else state.repositoryUniqueId = repo;
      const sent = slotValues(reg.request.objects.documentEntries[0]!, SLOT.referenceIdList);
      const kept = new Set(slotValues(entry, SLOT.referenceIdList));
      const lost = sent.filter((v) => !kept.has(v));
      if (lost.length > 0)
        out.push(
          finding(
            'drr.find.reference-ids',
            ['XDS-021'],
            ex,
            `${at}/rim:Slot[@name='${SLOT.referenceIdList}']`,
            `referenceIdList values were dropped: ${lost.join(', ')}`,
          ),
        );
      return ctx.fromFindings(out);
    },
  });
}

export function missingParam(): StepDef {
  return defineStep({
    id: 'missing-param',
    title: 'FindDocuments without $XDSDocumentEntryPatientId gets XDSStoredQueryMissingParam',
    verifies: ['XDS-016'],
    async run(ctx) {
      const q = await findDocuments(ctx, '', { noPatient: true });
      const codes = q.response?.errors.map((e) => e.errorCode) ?? [];
      if (q.response?.status === STATUS.failure && codes.includes('XDSStoredQueryMissingParam')) return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'drr.query.missing-param',
          ['XDS-016'],
          q.exchange,
          'AdhocQueryResponse',
          `expected Failure with XDSStoredQueryMissingParam; got ${q.response ? `${q.response.status} [${codes.join(', ')}]` : (q.error ?? 'nothing')}`,
        ),
      ]);
    },
  });
}
