// What the client learns from one returned part: the Part 10 header facts it checks.
import { readPart10 } from '../../protocols/dicom/reader.ts';
import { Dicom } from '../../protocols/dicom/values.ts';
import type { IncomingPart } from '../../protocols/multipart/index.ts';
import { Tag } from '../../protocols/dicom/tags.generated.ts';

export interface PartFacts {
  index: number;
  mediaType: string;
  /** transfer-syntax parameter of the part's Content-Type, when given. */
  tsParam?: string;
  size: number;
  hasDicm: boolean;
  /** First fatal read problem, when the part is not readable Part 10. */
  problem?: string;
  transferSyntax?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  patientId?: string;
  /** Issuer of Patient ID (0010,0021). */
  issuer?: string;
  /** (0010,0024)>(0040,0032): the issuer's Universal Entity ID. */
  issuerOid?: string;
}

const HEAD = 64 * 1024;

/** Reads the part's body: keeps its first 64 KiB or more (whole chunks) for the header, counts the rest. */
export async function partFacts(part: IncomingPart): Promise<PartFacts> {
  const head: Buffer[] = [];
  let kept = 0;
  let size = 0;
  for await (const c of part.body as AsyncIterable<Buffer>) {
    size += c.length;
    if (kept < HEAD) {
      head.push(c);
      kept += c.length;
    }
  }
  const bytes = Buffer.concat(head);
  const facts: PartFacts = {
    index: part.index,
    mediaType: part.mediaType,
    size,
    hasDicm: bytes.subarray(128, 132).toString('latin1') === 'DICM',
  };
  if (part.params['transfer-syntax'] !== undefined) facts.tsParam = part.params['transfer-syntax'];
  const f = readPart10(bytes.subarray(0, Math.min(bytes.length, size)), { stopAtPixelData: true });
  const fatal = f.problems.find((p) => p.fatal && !(p.code === 'truncated' && size > bytes.length));
  if (fatal) facts.problem = fatal.message;
  const d = new Dicom(f);
  const set = (k: keyof PartFacts, v: string | undefined): void => {
    if (v !== undefined) (facts as unknown as Record<string, string>)[k] = v;
  };
  set('transferSyntax', f.transferSyntaxUid);
  set('sopClassUid', d.str(d.root, Tag.SOPClassUID));
  set('sopInstanceUid', d.str(d.root, Tag.SOPInstanceUID));
  set('studyInstanceUid', d.str(d.root, Tag.StudyInstanceUID));
  set('seriesInstanceUid', d.str(d.root, Tag.SeriesInstanceUID));
  set('patientId', d.str(d.root, Tag.PatientID));
  set('issuer', d.str(d.root, Tag.IssuerOfPatientID));
  const qualifiers = d.items(d.root, Tag.IssuerOfPatientIDQualifiersSequence)[0];
  if (qualifiers) set('issuerOid', d.str(qualifiers, Tag.UniversalEntityID));
  return facts;
}
