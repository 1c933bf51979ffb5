// The KOS files of one study read together. Built once per study and shared by the checks of
// every member, so a cross-file rule costs the files of the other kind, not a scan of the
// whole study per file; which files are manifests, each KIN's content and the instances the
// manifests list are worked out once. (A scan per file made 3,000 copies of one manifest
// 14x slower than 300.)
import { kinContent, type KinContent } from './kin-content.ts';
import { evidenceInstances, isManifest, type KosView } from './view.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export class StudyGroup {
  /** Manifests of the study (a manifest's own cross-checks look only at KINs, so it may include the file itself). */
  readonly manifests: readonly KosView[];
  /** Key-image notes of the study. */
  readonly kins: readonly KosView[];
  #kinContents?: KinContent[];
  #kinsByUid?: Map<string | undefined, KinContent>;
  #manifestInstances?: Set<string | undefined>;

  constructor(members: readonly KosView[]) {
    const manifests: KosView[] = [];
    const kins: KosView[] = [];
    for (const v of members) (isManifest(v) ? manifests : kins).push(v);
    this.manifests = manifests;
    this.kins = kins;
  }

  /** What each KIN says, in file order. */
  kinContents(): readonly KinContent[] {
    return (this.#kinContents ??= this.kins.map(kinContent));
  }

  /** KIN content by SOP Instance UID (the last file wins on a duplicate UID). */
  kinsByUid(): ReadonlyMap<string | undefined, KinContent> {
    return (this.#kinsByUid ??= new Map(this.kinContents().map((k) => [k.uid, k])));
  }

  /** SOP Instance UIDs the study's manifests list as evidence. */
  manifestInstances(): ReadonlySet<string | undefined> {
    return (this.#manifestInstances ??= new Set(
      this.manifests.flatMap((m) => evidenceInstances(m).map(({ item }) => m.d.str(item, Tag.ReferencedSOPInstanceUID))),
    ));
  }
}
