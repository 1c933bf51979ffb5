// RAD-106 against the SUT viewer: without credentials it refuses and shows nothing of the study
// (IID-006); with a token of the issuer it trusts, the page Debian's Chromium renders (through
// Playwright) shows the study read from our source: its Study Instance UID on the page, HTTP
// 200 text/html, not a sign-in loop, not an error page (IID-003).
import { httpsFetch } from '../../../../simulators/tls/https-fetch.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { clientTls } from '../../common/client-tls.ts';
import { openViewer, visitExchange as visit } from '../../common/iid-page.ts';
import { exchangeFinding as finding } from '../../common/step-kit.ts';
import type { IdpSimulator, StudySource } from '../simulators.ts';

export function world(ctx: StepContext): { source: StudySource; idp: IdpSimulator; url: string } {
  const source = ctx.simulators.wado as StudySource | undefined;
  const idp = ctx.simulators.idp as IdpSimulator | undefined;
  if (!source?.studyUid || !idp?.token) throw new Error('the image-display plan needs its wado and idp simulators');
  const base = ctx.sut.endpoints.iid;
  if (!base) throw new Error('the SUT profile has no endpoints.iid (the viewer base; /IHEInvokeImageDisplay is appended)');
  return { source, idp, url: `${base.replace(/\/+$/, '')}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${source.studyUid}` };
}

export function anonymous(): StepDef {
  return defineStep({
    id: 'anonymous',
    title: 'Without credentials the viewer refuses and shows nothing of the study',
    verifies: ['IID-006'],
    async run(ctx) {
      const { source, url } = world(ctx);
      // No user credentials, but the node's own (mutual TLS) when the profile has them: IID-006 is
      // about the user. httpsFetch, like redirect: 'manual', does not follow redirects.
      const signal = AbortSignal.timeout(30_000);
      const tls = clientTls(ctx.sut);
      const answer = tls
        ? await httpsFetch(url, { signal }, tls)
        : { response: await fetch(url, { redirect: 'manual', signal }), tls: undefined };
      const res = answer.response;
      const html = await res.text();
      const ex = visit(url, res.status, html, {});
      if (answer.tls) ex.tls = answer.tls;
      await ctx.evidence.exchange(ex);
      // A redirect to a sign-in page is a refusal too (OAuth authorisation code flow).
      const refused = res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400);
      if (refused && !html.includes(source.studyUid)) return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'iid.anonymous.shown',
          ['IID-006'],
          ex,
          'HTTP',
          `an anonymous request was answered ${res.status}${html.includes(source.studyUid) ? ' with a page naming the study' : ''}`,
        ),
      ]);
    },
  });
}

export function viewStudy(): StepDef {
  return defineStep({
    id: 'view',
    title: 'With a valid token, Chromium renders a page that shows the study',
    verifies: ['IID-003'],
    async run(ctx) {
      const { source, idp, url } = world(ctx);
      return openViewer(ctx, {
        url,
        headers: { authorization: `Bearer ${await idp.token()}` },
        studyUids: [source.studyUid],
        reqIds: ['IID-003'],
        ids: { status: 'iid.view.status', study: 'iid.view.study' },
      });
    },
  });
}
