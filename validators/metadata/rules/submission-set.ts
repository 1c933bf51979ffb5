// A submission has one SubmissionSet with its required attributes (ITI TF-3 Table 4.3.1-2).
import { SS, classificationsOf, externalIdOf, slotOf, slotValues } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { MetadataCtx, MetadataView } from '../view.ts';

export const submissionSetRequired: Rule<MetadataView, MetadataCtx> = {
  id: 'xds.submission-set.required',
  reqIds: ['XDS-012'],
  severity: 'error',
  title: 'One SubmissionSet with uniqueId, sourceId, patientId, submissionTime, contentTypeCode and author',
  check(view) {
    // Query responses need not contain a SubmissionSet; a submission must.
    if (view.role !== 'submission' || view.origin !== 'ebrim') return [];
    const sets = view.objects.submissionSets;
    if (sets.length !== 1) {
      const unclassified = view.objects.unclassifiedPackages[0];
      return [
        {
          path: unclassified?.path ?? view.objects.path,
          message: `a submission has exactly one RegistryPackage classified as SubmissionSet (urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd); found ${sets.length}`,
        },
      ];
    }
    const ss = sets[0]!;
    const hits: RuleHit[] = [];
    const miss = (what: string, path: string) => hits.push({ path, message: `SubmissionSet ${ss.id}: required ${what} is missing` });
    for (const [name, scheme] of [
      ['uniqueId', SS.uniqueId],
      ['sourceId', SS.sourceId],
      ['patientId', SS.patientId],
    ] as const) {
      if (!externalIdOf(ss, scheme)?.value) miss(name, `${ss.path}/rim:ExternalIdentifier[@identificationScheme='${scheme}']`);
    }
    if (!slotValues(ss, 'submissionTime')[0]) miss('submissionTime', `${ss.path}/rim:Slot[@name='submissionTime']`);
    if (classificationsOf(ss, SS.contentTypeCode).length === 0)
      miss('contentTypeCode', `${ss.path}/rim:Classification[@classificationScheme='${SS.contentTypeCode}']`);
    const authors = classificationsOf(ss, SS.author);
    if (
      !authors.some((a) =>
        ['authorInstitution', 'authorPerson', 'authorRole', 'authorSpecialty', 'authorTelecommunication'].some(
          (n) => slotOf(a, n)?.values.length,
        ),
      )
    ) {
      miss('author', `${ss.path}/rim:Classification[@classificationScheme='${SS.author}']`);
    }
    return hits;
  },
};
