// Where a consumer retrieves a series the MCWG way: the Retrieve URL (0008,1190) of its
// Referenced Series item, used unchanged (KOS-022, WADO-014). A URL that is missing, not
// absolute or not of the {base}/studies/{study}/series/{series} shape is an error, and the
// series is then retrieved from the given base instead so the source still gets checked; a
// base other than the given one is a warning (KOS-023).
import type { Finding } from '../../model/finding.ts';
import type { ManifestSeries } from '../../validators/manifest-facts.ts';
import { TagKey } from '../../protocols/dicom/tags.generated.ts';

export interface SeriesTarget {
  url: string;
  findings: Finding[];
}

export function seriesTarget(s: ManifestSeries, index: number, ctx: { base: string; studyUid: string; artefact: string }): SeriesTarget {
  const suffix = `/studies/${ctx.studyUid}/series/${s.seriesInstanceUid}`;
  const fallback = `${ctx.base}${suffix}`;
  // One study per MCWG manifest, so the series index is its item in the first evidence item.
  const path = `${TagKey.CurrentRequestedProcedureEvidenceSequence}[0]>${TagKey.ReferencedSeriesSequence}[${index}]>${TagKey.RetrieveURL}`;
  const finding = (ruleId: string, reqIds: string[], severity: Finding['severity'], message: string): Finding => ({
    ruleId,
    reqIds,
    severity,
    message,
    location: { artefact: ctx.artefact, path },
  });
  const raw = s.retrieveUrl?.trim();
  if (!raw) {
    return {
      url: fallback,
      findings: [
        finding(
          'wado.retrieve-url.missing',
          ['KOS-022', 'WADO-014'],
          'error',
          `series ${s.seriesInstanceUid} has no Retrieve URL; retrieved from ${fallback} instead`,
        ),
      ],
    };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      url: fallback,
      findings: [
        finding(
          'wado.retrieve-url.shape',
          ['KOS-022', 'WADO-014'],
          'error',
          `Retrieve URL '${raw}' of series ${s.seriesInstanceUid} is not an absolute URL; retrieved from ${fallback} instead`,
        ),
      ],
    };
  }
  const href = url.href.replace(/\/+$/, '');
  if (!href.endsWith(suffix) || url.search || url.hash) {
    return {
      url: fallback,
      findings: [
        finding(
          'wado.retrieve-url.shape',
          ['KOS-022', 'WADO-014'],
          'error',
          `Retrieve URL ${raw} does not end with ${suffix}; retrieved from ${fallback} instead`,
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  const urlBase = href.slice(0, -suffix.length);
  if (urlBase !== ctx.base) {
    findings.push(
      finding(
        'wado.retrieve-url.base',
        ['KOS-023'],
        'warning',
        `Retrieve URL base ${urlBase} of series ${s.seriesInstanceUid} is not the WADO-RS base ${ctx.base} being checked`,
      ),
    );
  }
  return { url: href, findings };
}
