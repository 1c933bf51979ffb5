// The gateway as consumer: it finds the patient's documents in the registry (ITI-18), reads
// every manifest it did not publish itself (ITI-43), and fetches the images at each series'
// Retrieve URL (RAD-107), as it would for a local user opening a prior study.
import { DE, externalIdOf } from '../../../../protocols/ebrim/index.ts';
import { retrieveDocuments, storedQuery, param } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { readKos } from '../../../../validators/kos/validate.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';

export async function consumeRemote(o: {
  registry: string;
  repository: string;
  patientCx: string;
  own: ReadonlySet<string>;
}): Promise<number> {
  const q = await storedQuery(
    o.registry,
    QUERY.FindDocuments,
    [
      { name: '$XDSDocumentEntryPatientId', values: [`'${o.patientCx}'`], path: '' },
      param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'),
    ],
    () => undefined,
  );
  let fetched = 0;
  for (const e of q.response?.objects.documentEntries ?? []) {
    const uid = externalIdOf(e, DE.uniqueId)?.value;
    const repo = e.slots.find((s) => s.name === 'repositoryUniqueId')?.values[0];
    if (!uid || !repo || o.own.has(uid) || e.mimeType !== 'application/dicom') continue;
    const r = await retrieveDocuments(o.repository, [{ documentUniqueId: uid, repositoryUniqueId: repo }], () => undefined);
    const bytes = r.documents[0]?.data;
    const facts = bytes && readKos(bytes, uid).facts;
    for (const s of facts?.series ?? []) {
      if (!s.retrieveUrl) continue;
      const res = await fetch(s.retrieveUrl, { headers: { accept: PART10_ACCEPT } });
      await res.arrayBuffer();
      if (res.ok) fetched += 1;
    }
  }
  return fetched;
}
