// One injected defect per broken variant of the reference Image Display, and the requirements
// the plan must fail on for it: one config switch (no authentication), a proxy rewrite, a
// weakness of its TLS front or of its TLS client towards the source.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { errorPage } from '../../../../simulators/iid/page.ts';
import type { Rewrite } from '../../../reference-sut/proxy.ts';
import { initiatorTlsDefects, serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'no-auth',
  'login-loop',
  'wrong-study',
  'cx-patient-refused',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  ...initiatorTlsDefects('the viewer, reading its WADO-RS source,'),
  'no-auth': { id: 'no-auth', description: 'the viewer shows the study to anyone, without credentials', fails: ['IID-006'] },
  'login-loop': { id: 'login-loop', description: 'the viewer answers the sign-in page even with a valid token', fails: ['IID-003'] },
  'wrong-study': { id: 'wrong-study', description: 'the viewer page shows another study than the one requested', fails: ['IID-003'] },
  'cx-patient-refused': {
    id: 'cx-patient-refused',
    description:
      'the central viewer needs patientID as its own bare ID and refuses the CX with assigning authority, the only form report metadata carries',
    fails: ['IID-004'],
  },
  ...serverTlsDefects('the viewer'),
};

const isViewer = (url: string) => url.includes('/IHEInvokeImageDisplay');

export function rewriteOf(defect: DefectId | undefined): Rewrite {
  switch (defect) {
    case 'login-loop':
      return (_q, res, _ct, m) =>
        isViewer(m.url) && m.status === 200
          ? {
              status: 401,
              body: Buffer.from(errorPage(401, 'Authentication required', 'Sign in to see images.')),
              contentType: 'text/html; charset=utf-8',
            }
          : res;
    case 'wrong-study':
      return (_q, res, _ct, m) => {
        if (!isViewer(m.url) || m.status !== 200) return res;
        const uid = new URL(m.url, 'http://x').searchParams.get('studyUID') ?? '';
        return uid ? Buffer.from(res.toString('utf8').replaceAll(uid, '1.2.826.0.1.3680043.10.999.1'), 'utf8') : res;
      };
    case 'cx-patient-refused':
      return (_q, res, _ct, m) => {
        const pid = new URL(m.url, 'http://x').searchParams.get('patientID');
        if (!isViewer(m.url) || pid === null || !pid.includes('^')) return res;
        return {
          status: 400,
          body: Buffer.from(errorPage(400, 'Bad request', `Unknown patient ${pid}: give the patient ID used by this viewer`)),
          contentType: 'text/html; charset=utf-8',
        };
      };
    default:
      return (_q, res) => res;
  }
}
