// GW-009: the gateway hosts a viewer for its studies, reached through the IID link in the report
// it published. We read that report back, take its link to our study and open it in Debian's
// Chromium (common/iid-page.ts): 200 text/html showing the study, not a sign-in loop, not an
// error page. The profile's bearer token, if any, is sent as a signed-in clinician's would be.
import { parseIidUrl } from '../../../../validators/iid/iid-url.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { authHeaders } from '../../common/client-tls.ts';
import { openViewer } from '../../common/iid-page.ts';
import { finding, need, type PlanState } from '../state.ts';
import { readPublishedReport } from './report-document.ts';

export function openReportViewer(state: PlanState): StepDef {
  return defineStep({
    id: 'viewer',
    title: "The IID link in the published report opens the gateway's viewer on the study",
    verifies: ['GW-009'],
    async run(ctx) {
      const seeded = need(state.seeded, 'the seeded study');
      const report = await readPublishedReport(ctx, state);
      const names = (url: string) => {
        const u = parseIidUrl(url);
        return u.ok && u.studyUids.includes(seeded.studyUid);
      };
      const link = report.links.find(names) ?? report.links[0];
      if (!link)
        return ctx.fromFindings([
          finding(
            'gw.viewer.link',
            ['GW-009'],
            report.artefact,
            '',
            `the published report (${report.mimeType}) carries no IHE IID viewer URL${/pdf/i.test(report.mimeType) ? ' (a PDF is not searched for links)' : ''}`,
          ),
        ]);
      return openViewer(ctx, {
        url: link,
        headers: authHeaders(ctx.sut),
        studyUids: [seeded.studyUid],
        reqIds: ['GW-009'],
        ids: { status: 'gw.viewer.status', study: 'gw.viewer.study' },
      });
    },
  });
}
