// RAD-106 against the SUT viewer: without credentials it refuses and shows nothing of the study
// (IID-006); with a token of the issuer it trusts, the page Debian's Chromium renders (through
// Playwright) shows the study read from our source: its Study Instance UID on the page, HTTP
// 200 text/html, not a sign-in loop, not an error page (IID-003).
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../../model/exchange.ts';
import { payloadOf } from '../../../../simulators/kit/recorder.ts';
import { openPage } from '../../../../fixtures/browser.ts';
import { defineStep, type StepContext, type StepDef } from '../../../engine/dsl.ts';
import { exchangeFinding as finding } from '../../common/step-kit.ts';
import type { IdpSimulator, StudySource } from '../simulators.ts';

function world(ctx: StepContext): { source: StudySource; idp: IdpSimulator; url: string } {
  const source = ctx.simulators.wado as StudySource | undefined;
  const idp = ctx.simulators.idp as IdpSimulator | undefined;
  if (!source?.studyUid || !idp?.token) throw new Error('the image-display plan needs its wado and idp simulators');
  const base = ctx.sut.endpoints.iid;
  if (!base) throw new Error('the SUT profile has no endpoints.iid (the viewer base; /IHEInvokeImageDisplay is appended)');
  return { source, idp, url: `${base.replace(/\/+$/, '')}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${source.studyUid}` };
}

/** The browser visit as evidence: URL, status and the HTML it rendered. */
function visit(url: string, status: number | undefined, html: string, headers: Record<string, string>): Exchange {
  return {
    id: randomUUID(),
    at: new Date().toISOString(),
    transaction: 'RAD-106',
    from: 'mcwg (Chromium)',
    to: url,
    request: payloadOf({ summary: `GET ${url}`, method: 'GET', url, headers }),
    response: payloadOf({
      summary: `HTTP ${status ?? '-'}`,
      ...(status === undefined ? {} : { status }),
      contentType: 'text/html',
      body: html,
    }),
  };
}

export function anonymous(): StepDef {
  return defineStep({
    id: 'anonymous',
    title: 'Without credentials the viewer refuses and shows nothing of the study',
    verifies: ['IID-006'],
    async run(ctx) {
      const { source, url } = world(ctx);
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const html = await res.text();
      const ex = visit(url, res.status, html, {});
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
      const headers = { authorization: `Bearer ${await idp.token()}` };
      const opened = await openPage('about:blank');
      try {
        await opened.page.setExtraHTTPHeaders(headers);
        const resp = await opened.page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        const status = resp?.status();
        const type = resp?.headers()['content-type'] ?? '';
        const html = await opened.page.content();
        const text = await opened.page
          .locator('body')
          .innerText()
          .catch(() => '');
        const ex = visit(url, status, html, headers);
        await ctx.evidence.exchange(ex);
        if (status !== 200 || !type.startsWith('text/html'))
          return ctx.fromFindings([
            finding('iid.view.status', ['IID-003'], ex, 'HTTP', `expected 200 text/html; got ${status ?? 'nothing'} ${type}`),
          ]);
        if (!text.includes(source.studyUid))
          return ctx.fromFindings([
            finding(
              'iid.view.study',
              ['IID-003'],
              ex,
              'body',
              `the rendered page does not show study ${source.studyUid}${/sign in|log ?in|password/i.test(text) ? ' (it looks like a sign-in page)' : ''}`,
            ),
          ]);
        return ctx.fromFindings([]);
      } finally {
        await opened.browser.close();
      }
    },
  });
}
