// WIA-003, the MCWG mapping: Procedure Code Sequence comes from the eventCodeList procedure
// code and its display name (META-004), not from typeCode as WIA would by default. In
// eventCodeList the procedure sits beside the modality (DCM) and the anatomic region (SNOMED
// CT); a deployment names its procedure scheme(s) (VS-PROCEDURE), otherwise every other scheme counts.
import { DE, type DocumentEntry } from '../../protocols/ebrim/index.ts';
import { codedValues, DCM_SCHEME, SCT_SCHEME } from '../../validators/metadata/entries.ts';
import type { DicomJson } from '../wado-rs/dicom-json.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export interface ProcedureCode {
  code: string;
  scheme: string;
  display: string;
}

export function procedureCodes(entry: DocumentEntry, procedureSchemes?: readonly string[]): ProcedureCode[] {
  return codedValues(entry, DE.eventCodeList)
    .filter((c) => (procedureSchemes ? procedureSchemes.includes(c.scheme ?? '') : c.scheme !== DCM_SCHEME && c.scheme !== SCT_SCHEME))
    .map((c) => ({ code: c.code, scheme: c.scheme ?? '', display: c.display ?? '' }));
}

/** Modalities the registry knows from eventCodeList (DCM codes). */
export function eventModalities(entry: DocumentEntry): string[] {
  return codedValues(entry, DE.eventCodeList)
    .filter((c) => c.scheme === DCM_SCHEME)
    .map((c) => c.code);
}

/** (0008,1032) items: CodeValue, CodingSchemeDesignator, CodeMeaning = the display name. */
export function procedureCodeSequence(codes: readonly ProcedureCode[]): DicomJson[] {
  return codes.map((c) => ({
    [JsonTag.CodeValue]: { vr: 'SH', Value: [c.code] },
    [JsonTag.CodingSchemeDesignator]: { vr: 'SH', Value: [c.scheme] },
    [JsonTag.CodeMeaning]: { vr: 'LO', Value: [c.display] },
  }));
}
