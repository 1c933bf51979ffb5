// What a reference consumer does in the key-images-only view (KIN-012/013), whichever way it
// read the manifest again (ITI-43 or ITI-68): the flagged images are the manifest's
// back-referenced ones, each retrieved alone at instance level from its series' Retrieve URL.
// The KIN defects open the key-image note, or retrieve too much.
import { KOS_SOP_CLASS } from '../../../../protocols/dicom/sop-classes.ts';
import { backReferences } from '../../../../validators/kos/back-references.ts';
import { readKos } from '../../../../validators/kos/validate.ts';

export type KeyImagesDefect = 'kin-reads-ko' | 'kin-whole-study' | 'kin-other-series';

/** `manifest`: the bytes read again; `get`: one WADO-RS retrieve, read to the end. */
export async function viewKeyImages(
  manifest: Buffer | undefined,
  defect: string | undefined,
  get: (url: string) => Promise<unknown>,
): Promise<void> {
  const read = manifest ? readKos(manifest, 'manifest') : undefined;
  if (!read?.view || !read.facts) return;
  const facts = read.facts;
  const flags = backReferences(read.view).filter((b) => b.imageUid && b.kinUid);
  const seriesOf = (uid: string) => facts.series.find((s) => s.instances.some((i) => i.sopInstanceUid === uid));
  if (defect === 'kin-reads-ko')
    for (const f of flags) {
      const ko = seriesOf(f.kinUid!);
      if (ko?.retrieveUrl) await get(`${ko.retrieveUrl}/instances/${f.kinUid}`);
    }
  if (defect === 'kin-whole-study') {
    const any = facts.series.find((s) => s.retrieveUrl)?.retrieveUrl;
    if (any) await get(any.replace(/\/series\/[^/]+$/, ''));
    return;
  }
  for (const f of flags) {
    const s = seriesOf(f.imageUid!);
    if (s?.retrieveUrl) await get(`${s.retrieveUrl}/instances/${f.imageUid}`);
  }
  if (defect === 'kin-other-series') {
    const flagged = new Set(flags.map((f) => seriesOf(f.imageUid!)?.seriesInstanceUid));
    const other = facts.series.find((s) => !flagged.has(s.seriesInstanceUid) && s.instances.every((i) => i.sopClassUid !== KOS_SOP_CLASS));
    if (other?.retrieveUrl) await get(other.retrieveUrl);
  }
}
