// XDS errors in the protocol's terms (ITI TF-3 Table 4.2.4.1-2): RegistryError values that
// end up in a RegistryResponse. A failure of the whole request is an XdsFailure.
import { ERROR_SEVERITY, STATUS } from '../../protocols/ebrim/index.ts';

export type XdsErrorCode =
  | 'XDSRegistryMetadataError'
  | 'XDSRepositoryMetadataError'
  | 'XDSMissingDocument'
  | 'XDSMissingDocumentMetadata'
  | 'XDSUnknownPatientId'
  | 'XDSPatientIdDoesNotMatch'
  | 'XDSNonIdenticalHash'
  | 'XDSNonIdenticalSize'
  | 'XDSRepositoryDuplicateUniqueIdInMessage'
  | 'XDSRegistryDuplicateUniqueIdInMessage'
  | 'XDSDuplicateUniqueIdInRegistry'
  | 'XDSRepositoryError'
  | 'XDSRegistryError'
  | 'XDSRegistryBusy'
  | 'XDSRepositoryBusy'
  | 'XDSStoredQueryMissingParam'
  | 'XDSStoredQueryParamNumber'
  | 'XDSUnknownStoredQuery'
  | 'XDSTooManyResults'
  | 'XDSResultNotSinglePatient'
  | 'XDSDocumentUniqueIdError'
  | 'XDSUnknownRepositoryId'
  | 'XDSExtraMetadataNotSaved'
  | 'XDSRegistryDeprecatedDocumentError'
  | 'XDSUnknownCommunity';

export interface XdsError {
  errorCode: XdsErrorCode;
  codeContext: string;
  location?: string;
  severity: string;
}

export const xdsError = (errorCode: XdsErrorCode, codeContext: string, location?: string): XdsError =>
  location === undefined
    ? { errorCode, codeContext, severity: ERROR_SEVERITY.error }
    : { errorCode, codeContext, location, severity: ERROR_SEVERITY.error };

export const xdsWarning = (errorCode: XdsErrorCode, codeContext: string, location?: string): XdsError => ({
  ...xdsError(errorCode, codeContext, location),
  severity: ERROR_SEVERITY.warning,
});

export const isError = (e: XdsError) => e.severity === ERROR_SEVERITY.error;

/** Success when nothing is an error; otherwise Failure (atomic transactions have no partial outcome). */
export function statusOf(errors: readonly XdsError[]): string {
  return errors.some(isError) ? STATUS.failure : STATUS.success;
}

export class XdsFailure extends Error {
  override name = 'XdsFailure';
  constructor(readonly errors: XdsError[]) {
    super(errors.map((e) => `${e.errorCode}: ${e.codeContext}`).join('; '));
  }
}
