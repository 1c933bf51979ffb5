// The finding IDs this plan's steps produce (checked unique and catalogue-backed by
// suites/plans/findings.test.ts).
import type { PlanFinding } from '../../engine/plan-module.ts';

export const FINDINGS: readonly PlanFinding[] = [
  { id: 'wia.studies.answer', reqIds: ['WIA-002'], title: 'a patient study query is answered 200 with DICOM JSON' },
  { id: 'wia.studies.missing', reqIds: ['WIA-002'], title: 'every study registered for the patient is listed' },
  { id: 'wia.studies.value', reqIds: ['WIA-002'], title: 'study attributes match the manifest and registry values' },
  {
    id: 'wia.procedure.type-code',
    reqIds: ['WIA-003'],
    title: 'Procedure Code Sequence comes from the eventCodeList procedure, not typeCode',
  },
  { id: 'wia.series.answer', reqIds: ['WIA-004'], title: 'a series query of a listed study is answered 200 with DICOM JSON' },
  { id: 'wia.series.value', reqIds: ['WIA-004'], title: "series results match the manifest's series (UIDs, number of instances)" },
  { id: 'wia.retrieve.answer', reqIds: ['WIA-005'], title: 'a series retrieve through the facade is answered 200 multipart/related' },
  {
    id: 'wia.retrieve.bytes',
    reqIds: ['WIA-005'],
    title: 'the instances retrieved through the facade are byte for byte those of the source',
  },
  { id: 'wia.scope.unscoped', reqIds: ['WIA-006'], title: 'a study query not scoped to one patient is refused' },
];
