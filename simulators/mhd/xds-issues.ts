// XDS RegistryErrors of the shared registry core -> OperationOutcome issues and one HTTP
// status (MHD-006: "using XDS error codes where they apply").
import type { XdsError } from '../xds/errors.ts';
import { isError } from '../xds/errors.ts';
import { MhdFailure, type Issue, type IssueCode } from './outcomes.ts';

const CONFLICT = new Set([
  'XDSDuplicateUniqueIdInRegistry',
  'XDSNonIdenticalHash',
  'XDSNonIdenticalSize',
  'XDSRepositoryDuplicateUniqueIdInMessage',
  'XDSRegistryDuplicateUniqueIdInMessage',
]);
const NOT_FOUND = new Set([
  'XDSUnknownPatientId',
  'XDSMissingDocument',
  'XDSMissingDocumentMetadata',
  'XDSRegistryDeprecatedDocumentError',
]);

export function xdsIssues(errors: readonly XdsError[]): MhdFailure {
  const issues = errors.map((e): Issue => {
    const code: IssueCode = CONFLICT.has(e.errorCode) ? 'duplicate' : NOT_FOUND.has(e.errorCode) ? 'not-found' : 'invalid';
    return {
      severity: isError(e) ? 'error' : 'warning',
      code,
      xdsCode: e.errorCode,
      diagnostics: `${e.errorCode}: ${e.codeContext}`,
      ...(e.location ? { expression: e.location } : {}),
    };
  });
  const status =
    errors.some((e) => isError(e) && CONFLICT.has(e.errorCode)) && !errors.some((e) => isError(e) && !CONFLICT.has(e.errorCode))
      ? 409
      : 422;
  return new MhdFailure(status, issues);
}
