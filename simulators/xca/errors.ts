// Cross-community RegistryErrors (ITI TF-3 Table 4.2.4.1-2): the XCA codes beside the XDS ones.
// A failed community is named by its homeCommunityId in `location`, so a consumer knows which
// part of the answer is missing (ITI TF-2 3.18.4.1.3 for an initiating gateway).
import { ERROR_SEVERITY, STATUS, type RegistryError } from '../../protocols/ebrim/index.ts';

export type XcaErrorCode =
  | 'XDSUnknownCommunity'
  | 'XDSUnavailableCommunity'
  | 'XDSMissingHomeCommunityId'
  | 'XDSRegistryError'
  | 'XDSRepositoryError';

export type XcaError = Omit<RegistryError, 'path'>;

export function xcaError(code: XcaErrorCode, codeContext: string, location?: string): XcaError {
  return { errorCode: code, codeContext, severity: ERROR_SEVERITY.error, ...(location === undefined ? {} : { location }) };
}

export const isErrorSeverity = (e: { severity: string }) => e.severity === ERROR_SEVERITY.error;

/**
 * Status of a merged answer: Success without errors; PartialSuccess when some part answered
 * and some failed; Failure when nothing answered.
 */
export function mergedStatus(answered: number, errors: readonly { severity: string }[], partial = false): string {
  if (!errors.some(isErrorSeverity) && !partial) return STATUS.success;
  return answered === 0 ? STATUS.failure : STATUS.partialSuccess;
}
