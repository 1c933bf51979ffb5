// IUA on the WADO-RS source (SEC-005, SEC-006, SEC-007, SEC-009): without a valid token 401
// with a Bearer challenge; a valid token for another patient and study refused (403, or 404
// where policy hides existence); the rights to the manifest (the profile's manifestToken, else
// the study's token) retrieve every series the manifest references; a QIDO search never returns
// a study the token does not grant.
import { getMultipart, type GetResult } from '../../../../simulators/clients/wado-rs-exchange.ts';
import { PART10_ACCEPT } from '../../../../simulators/clients/wado-rs.ts';
import { httpsFetch } from '../../../../simulators/tls/https-fetch.ts';
import { defineStep, type StepContext, type StepDef, type StepOutcome } from '../../../engine/dsl.ts';
import { clientTls, withClientTls } from '../../common/client-tls.ts';
import { exchangeFinding } from '../../common/step-kit.ts';
import { missingInput, needManifest, studyOf, type PlanState } from '../state.ts';
import { JsonTag } from '../../../../protocols/dicom/tags.generated.ts';

const notChecked = (reqIds: string[], reason: string): StepOutcome & object => ({
  state: 'skip',
  message: reason,
  notChecked: { reqIds, reason },
});

async function retrieve(ctx: StepContext, url: string, headers: Record<string, string>): Promise<GetResult> {
  // Only the status and headers matter here: stop at the first part.
  const r = await getMultipart(
    url,
    { accept: PART10_ACCEPT, timeoutMs: 30_000, idleTimeoutMs: 15_000, headers, ...withClientTls(ctx.sut) },
    async () => false,
  );
  await ctx.evidence.exchange(r.exchange);
  return r;
}

const studyUrl = (ctx: StepContext) => `${ctx.sut.endpoints.wadoRs!.replace(/\/+$/, '')}/studies/${studyOf(ctx.sut)!}`;

export function noToken(): StepDef {
  return defineStep({
    id: 'no-token',
    title: 'Without a token, or with one that is not a valid JWT: 401 with a Bearer challenge',
    verifies: ['SEC-005'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      // A profile without auth declares no IUA deployment: not tested (the label stays incomplete).
      if (!ctx.sut.auth) return notChecked(['SEC-005'], 'the SUT profile gives no auth section (IUA tokens)');
      const findings = [];
      for (const [what, headers] of [
        ['no Authorization header', {}],
        ['a token that is not a valid JWT', { authorization: 'Bearer not.a.token' }],
      ] as const) {
        const r = await retrieve(ctx, studyUrl(ctx), headers);
        if (r.status === undefined) return { state: 'error', message: `${r.exchange.error ?? 'no answer'} (${what})` };
        const challenge = headerOf(r, 'www-authenticate');
        if (r.status !== 401)
          findings.push(
            exchangeFinding(
              'wado.auth.unauthenticated',
              ['SEC-005'],
              r.exchange,
              'status',
              `with ${what} the source answered ${r.status}; expected 401`,
            ),
          );
        else if (!/^Bearer\b/i.test(challenge ?? ''))
          findings.push(
            exchangeFinding(
              'wado.auth.challenge',
              ['SEC-005'],
              r.exchange,
              'WWW-Authenticate',
              `401 with ${what} carries ${challenge ? `WWW-Authenticate: ${challenge}` : 'no WWW-Authenticate header'}; expected a Bearer challenge (RFC 6750 §3)`,
            ),
          );
      }
      return ctx.fromFindings(findings);
    },
  });
}

export function otherPatient(): StepDef {
  return defineStep({
    id: 'other-patient',
    title: 'A valid token for another patient and study does not retrieve this study',
    verifies: ['SEC-006'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      if (!ctx.sut.auth) return notChecked(['SEC-006'], 'the SUT profile gives no auth section (IUA tokens)');
      const other = ctx.sut.auth.otherPatientToken;
      if (!other) return notChecked(['SEC-006'], 'the SUT profile gives no auth.otherPatientToken');
      const r = await retrieve(ctx, studyUrl(ctx), { authorization: `Bearer ${other}` });
      if (r.status === undefined) return { state: 'error', message: r.exchange.error ?? 'no answer' };
      const ok = r.status === 403 || r.status === 404;
      return ctx.fromFindings(
        ok
          ? []
          : [
              exchangeFinding(
                'wado.auth.other-patient',
                ['SEC-006'],
                r.exchange,
                'status',
                `a token for another patient got ${r.status} for study ${studyOf(ctx.sut)}; expected 403 (or 404)`,
              ),
            ],
      );
    },
  });
}

export function manifestRights(state: PlanState): StepDef {
  return defineStep({
    id: 'manifest-rights',
    title: 'The token that grants the manifest retrieves every series it references',
    verifies: ['SEC-007'],
    async run(ctx) {
      if (!ctx.sut.auth) return notChecked(['SEC-007'], 'the SUT profile gives no auth.token');
      const m = needManifest(state);
      // The rights a consumer holds after reading the manifest are what SEC-007 is about; the
      // study's own token (what WADO-002/003 use) stands in when the profile gives none.
      const { manifestToken } = ctx.sut.auth;
      const which = manifestToken ? 'the token granting the manifest (auth.manifestToken)' : 'the token that grants its study';
      const findings = [];
      for (const s of m.series) {
        const r = await retrieve(ctx, `${studyUrl(ctx)}/series/${s.seriesInstanceUid}`, {
          authorization: `Bearer ${manifestToken ?? ctx.sut.auth.token}`,
        });
        if (r.status === undefined) return { state: 'error', message: r.exchange.error ?? 'no answer' };
        if (r.status !== 200)
          findings.push(
            exchangeFinding(
              'wado.auth.manifest-rights',
              ['SEC-007'],
              r.exchange,
              'status',
              `series ${s.seriesInstanceUid} of the manifest answered ${r.status} with ${which}; expected 200`,
            ),
          );
      }
      return ctx.fromFindings(findings);
    },
  });
}

export function qidoScope(state: PlanState): StepDef {
  return defineStep({
    id: 'qido-scope',
    title: 'A patient-level QIDO search returns no study but the one the token grants',
    verifies: ['SEC-009'],
    async run(ctx) {
      if (!ctx.sut.auth) return notChecked(['SEC-009'], 'the SUT profile gives no auth.token');
      const m = needManifest(state);
      const url = `${ctx.sut.endpoints.wadoRs!.replace(/\/+$/, '')}/studies?PatientID=${encodeURIComponent(m.patient.id)}`;
      const headers = { accept: 'application/dicom+json', authorization: `Bearer ${ctx.sut.auth.token}` };
      const tls = clientTls(ctx.sut);
      let status: number;
      let body: string;
      try {
        const res =
          tls && url.startsWith('https:')
            ? (await httpsFetch(url, { headers, signal: AbortSignal.timeout(30_000) }, tls)).response
            : await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
        status = res.status;
        body = await res.text();
      } catch (err) {
        return { state: 'error', message: `QIDO ${url}: ${err instanceof Error ? err.message : String(err)}` };
      }
      const att = await ctx.evidence.attach(
        'qido-scope.json',
        Buffer.from(`${JSON.stringify({ url, status, body: body.slice(0, 4000) }, null, 1)}\n`),
        'application/json',
      );
      if (status === 404 || status === 501) return { ...notChecked(['SEC-009'], `QIDO-RS is not offered (${status})`), evidence: [att] };
      if (status === 400 || status === 401 || status === 403)
        return { state: 'pass', message: `a search across studies was refused (${status})`, evidence: [att] };
      let studies: string[] = [];
      try {
        studies = (JSON.parse(body || '[]') as Record<string, { Value?: string[] } | undefined>[]).flatMap(
          (d) => d[JsonTag.StudyInstanceUID]?.Value ?? [],
        );
      } catch {
        // An unreadable answer shows no other study; the QIDO tests judge its format.
      }
      const others = studies.filter((s) => s !== m.studyInstanceUid);
      const f = {
        ruleId: 'wado.auth.qido-scope',
        reqIds: ['SEC-009'],
        severity: 'error' as const,
        message: `a patient-level search returned ${others.length} other stud${others.length === 1 ? 'y' : 'ies'} (${others.slice(0, 3).join(', ')}); a query must stay within the granted study`,
        location: { artefact: url, path: JsonTag.StudyInstanceUID },
      };
      return ctx.fromFindings(others.length ? [f] : [], [att]);
    },
  });
}

function headerOf(r: GetResult, name: string): string | undefined {
  const h = r.exchange.response?.headers as Record<string, string | string[]> | undefined;
  const v = h?.[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * WADO-011 for the source: Part 10 retrieval is all it must offer. The optional resources
 * (metadata, bulk data, frames, rendered) are asked and their answers kept as evidence, never
 * judged; the study's Part 10 retrieve must succeed.
 */
export function part10Only(): StepDef {
  return defineStep({
    id: 'part10-only',
    title: 'Part 10 retrieve is served; metadata, bulk data, frames and rendered are optional',
    verifies: ['WADO-011'],
    async run(ctx) {
      const missing = missingInput(ctx.sut);
      if (missing) return { state: 'skip', message: missing };
      const headers = ctx.sut.auth ? { authorization: `Bearer ${ctx.sut.auth.token}` } : {};
      // Not judged (WADO-011: 404/406 there never fails a source); recorded for the tester.
      for (const path of ['/metadata', '/bulkdata', '/rendered']) await retrieve(ctx, `${studyUrl(ctx)}${path}`, headers);
      const r = await retrieve(ctx, studyUrl(ctx), headers);
      if (r.status === undefined) return { state: 'error', message: r.exchange.error ?? 'no answer' };
      return ctx.fromFindings(
        r.status === 200
          ? []
          : [
              exchangeFinding(
                'wado.part10.retrieve',
                ['WADO-011'],
                r.exchange,
                'status',
                `the study's Part 10 retrieve answered ${r.status}; Part 10 retrieval is the one thing a source must offer`,
              ),
            ],
      );
    },
  });
}
