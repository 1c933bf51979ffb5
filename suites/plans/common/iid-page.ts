// Opening an IHE IID link (RAD-106) as a clinician would: Debian's Chromium through Playwright
// renders the page, which must be 200 text/html and show every requested study (its Study
// Instance UID on the page), not a sign-in loop, not an error page. Shared by the plans that
// open a viewer: image-display (IID-003, IID-004) and common-imaging-gateway (GW-009). The
// caller names its finding IDs and requirements, so each plan reports in its own terms.
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../../model/exchange.ts';
import { payloadOf } from '../../../simulators/kit/recorder.ts';
import { openPage } from '../../../fixtures/browser.ts';
import type { StepContext, StepVerdict } from '../../engine/dsl.ts';
import { browserTls } from './browser-tls.ts';
import { exchangeFinding as finding } from './step-kit.ts';

export interface ViewerVisit {
  url: string;
  /** Sent with every request of the page (e.g. the bearer token). */
  headers?: Record<string, string>;
  /** Study Instance UIDs the page must show. */
  studyUids: readonly string[];
  reqIds: string[];
  /** Finding IDs: the answer is not 200 text/html; the rendered page does not show a study. */
  ids: { status: string; study: string };
}

/** The browser visit as evidence: URL, status and the HTML it rendered. */
export function visitExchange(url: string, status: number | undefined, html: string, headers: Record<string, string>): Exchange {
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

export async function openViewer(ctx: StepContext, v: ViewerVisit): Promise<StepVerdict> {
  const headers = v.headers ?? {};
  // An https:// viewer gets the profile's client certificate (mutual TLS), its origin verified first.
  const opened = await openPage('about:blank', await browserTls(ctx.sut, v.url));
  try {
    await opened.page.setExtraHTTPHeaders(headers);
    const resp = await opened.page.goto(v.url, { waitUntil: 'load', timeout: 30_000 });
    const status = resp?.status();
    const type = resp?.headers()['content-type'] ?? '';
    const html = await opened.page.content();
    const text = await opened.page
      .locator('body')
      .innerText()
      .catch(() => '');
    const ex = visitExchange(v.url, status, html, headers);
    await ctx.evidence.exchange(ex);
    if (status !== 200 || !type.startsWith('text/html'))
      return ctx.fromFindings([finding(v.ids.status, v.reqIds, ex, 'HTTP', `expected 200 text/html; got ${status ?? 'nothing'} ${type}`)]);
    const signIn = /sign in|log ?in|password/i.test(text) ? ' (it looks like a sign-in page)' : '';
    return ctx.fromFindings(
      v.studyUids
        .filter((uid) => !text.includes(uid))
        .map((uid) => finding(v.ids.study, v.reqIds, ex, 'body', `the rendered page does not show study ${uid}${signIn}`)),
    );
  } finally {
    await opened.browser.close();
  }
}
