// ITI-65 Provide Document Bundle (MHD 4.2 ITI TF-2 3.65), the store half: the submission a
// Bundle was mapped to (prepare-bundle.ts) goes through the XDS repository and registry rules
// over the shared store, so both protocols accept and refuse the same things. All or nothing.
import type { Bundle, BundleEntry } from 'fhir/r4.js';
import { StoreConflictError, type XdsStore } from '../store/types.ts';
import { completeProvide, prepareProvide } from '../xds/provide.ts';
import type { MhdConfig } from './config.ts';
import { patientIdOf, resourceIdOf } from './ids.ts';
import { MhdFailure, operationOutcome, type MhdResponse } from './outcomes.ts';
import type { EntryLayout, PreparedBundle } from './prepare-bundle.ts';
import { xdsIssues } from './xds-issues.ts';

export async function provideBundle(prepared: PreparedBundle, store: XdsStore, cfg: MhdConfig, exchangeId?: string): Promise<MhdResponse> {
  const { findings, layout } = prepared;
  const outcome = prepared.checked
    ? await completeProvide(prepared.checked, store)
    : await prepareProvide(prepared.request, new Map(), store, cfg.xds, exchangeId);
  if (!outcome.ok) throw xdsIssues(outcome.errors);
  const submission = outcome.submission;
  submission.findings.push(...findings);
  try {
    await store.commit(submission);
  } catch (err) {
    if (err instanceof StoreConflictError)
      throw new MhdFailure(409, [{ code: 'conflict', diagnostics: err.message, expression: 'Bundle' }]);
    throw err;
  }
  const warnings = [
    ...outcome.warnings.map((w) => ({
      severity: 'warning' as const,
      code: 'informational' as const,
      diagnostics: `${w.errorCode}: ${w.codeContext}`,
      ...(w.location ? { expression: w.location } : {}),
    })),
    ...findings
      .filter((f) => f.severity !== 'error' || cfg.xds.strictness !== 'strict')
      .map((f) => ({
        severity: 'warning' as const,
        code: 'informational' as const,
        diagnostics: `${f.ruleId}: ${f.message}`,
        expression: f.path,
      })),
  ];
  const idOf = (doc: number) => resourceIdOf(submission.documentEntries[doc]!.entryUuid);
  const location = (e: EntryLayout): string => {
    switch (e.type) {
      case 'List':
        return `List/${resourceIdOf(submission.submissionSet.entryUuid)}`;
      case 'DocumentReference':
        return `DocumentReference/${idOf(e.doc)}`;
      case 'Binary':
        return `Binary/${idOf(e.doc)}`;
      default:
        return `Patient/${patientIdOf(submission.submissionSet.patientId) ?? 'unknown'}`;
    }
  };
  const response: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: layout.map(
      (e, n): BundleEntry => ({
        response: {
          status: '201 Created',
          location: `${location(e)}/_history/1`,
          etag: 'W/"1"',
          ...(n === 0 && warnings.length ? { outcome: operationOutcome(warnings) } : {}),
        },
      }),
    ),
  };
  return { status: 200, resource: response };
}
