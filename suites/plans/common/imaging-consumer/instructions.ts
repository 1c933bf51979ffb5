// What the tester tells the consumer SUT to do, from the seeded data.
import type { SeededXds } from './seeded-xds.ts';

export function instructions(s: SeededXds): string {
  const t = s.studies[0]!;
  return `with registry ${s.registry} and repository ${s.repository}, find and display the ${t.modality} study of patient ${s.patientCx} of ${t.date} (accession ${t.accession}, Study Instance UID ${t.study.studyInstanceUid}): query by ITI-18 with MCWG filters, retrieve its manifest by ITI-43, then its images by WADO-RS${s.homeCommunityId ? " (the registry and repository are an XCA initiating gateway: copy each entry's home into the retrieve's HomeCommunityId)" : ''}`;
}
