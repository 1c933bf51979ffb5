// MHD errors in FHIR's terms: an HTTP status and an OperationOutcome whose issues carry a
// FHIRPath `expression` (FHIR R4 operationoutcome.html). Outcomes are values, never thrown
// across the adapter boundary.
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';

export type IssueCode = OperationOutcomeIssue['code'];

export interface Issue {
  severity?: OperationOutcomeIssue['severity'];
  code: IssueCode;
  diagnostics: string;
  /** FHIRPath of the element at fault, e.g. Bundle.entry[2].resource.content[0].attachment.url */
  expression?: string;
  /** An XDS error code where one applies (MHD-006), e.g. XDSUnknownPatientId. */
  xdsCode?: string;
}

export interface MhdResponse {
  status: number;
  /** A FHIR resource (JSON), or raw document bytes for ITI-68. */
  resource?: object;
  bytes?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

const XDS_CODE_SYSTEM = 'urn:oid:1.3.6.1.4.1.19376.1.2.27.1';

export function operationOutcome(issues: readonly Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? 'error',
      code: i.code,
      ...(i.xdsCode ? { details: { coding: [{ system: XDS_CODE_SYSTEM, code: i.xdsCode }], text: i.xdsCode } } : {}),
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

export function fail(status: number, ...issues: Issue[]): MhdResponse {
  return { status, resource: operationOutcome(issues) };
}

export const badRequest = (diagnostics: string, expression?: string, code: IssueCode = 'invalid') =>
  fail(400, { code, diagnostics, ...(expression ? { expression } : {}) });

export const notFound = (diagnostics: string) => fail(404, { code: 'not-found', diagnostics });

/** Thrown inside a core to stop processing; the core turns it into its response. */
export class MhdFailure extends Error {
  override name = 'MhdFailure';
  constructor(
    readonly status: number,
    readonly issues: Issue[],
  ) {
    super(issues.map((i) => i.diagnostics).join('; '));
  }
  response(): MhdResponse {
    return fail(this.status, ...this.issues);
  }
}

/** Anything unexpected becomes a 500 OperationOutcome (the one normalizeError of this adapter). */
export function normalizeError(err: unknown): MhdResponse {
  if (err instanceof MhdFailure) return err.response();
  // Our defect: the stack goes to stderr (the hostile corpus run fails on it), the SUT gets a 500 outcome.
  process.stderr.write(`mcwg mhd: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  return fail(500, { code: 'exception', diagnostics: `internal error: ${err instanceof Error ? err.message : String(err)}` });
}
