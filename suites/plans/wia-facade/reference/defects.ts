// One injected defect per broken variant of the reference WIA facade, and the requirements the
// plan must fail on for it. Each is a rewrite in the proxy, a weakness of its TLS front or of its
// back-end TLS client, never an edit of simulators/wia.
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';
import { initiatorTlsDefects, serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'studies-wrong-accession',
  'procedure-from-type-code',
  'series-dropped',
  'retrieve-corrupt',
  'unscoped-answered',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  ...initiatorTlsDefects('the facade, calling the registry,'),
  'studies-wrong-accession': {
    id: 'studies-wrong-accession',
    description: "study results carry an AccessionNumber other than the manifest's",
    fails: ['WIA-002'],
  },
  'procedure-from-type-code': {
    id: 'procedure-from-type-code',
    description: 'Procedure Code Sequence is taken from typeCode (the WIA default), not the eventCodeList procedure',
    fails: ['WIA-003'],
  },
  'series-dropped': { id: 'series-dropped', description: 'a series query of a study answers no series', fails: ['WIA-004'] },
  'retrieve-corrupt': {
    id: 'retrieve-corrupt',
    description: "a series retrieved through the facade differs from the source's bytes",
    fails: ['WIA-005'],
  },
  'unscoped-answered': {
    id: 'unscoped-answered',
    description: 'a study query without PatientID is answered 200 with an empty list instead of refused',
    fails: ['WIA-006'],
  },
  ...serverTlsDefects('the facade'),
};

const isStudies = (url: string) => /\/studies(\?|$)/.test(url);

export function rewriteOf(defect: DefectId | undefined): Rewrite {
  switch (defect) {
    case 'studies-wrong-accession':
      return (_q, res, _ct, m) => (isStudies(m.url) ? editText(res, (s) => s.replaceAll('ACC-IDC-', 'ACC-XXX-')) : res);
    case 'procedure-from-type-code':
      return (_q, res, _ct, m) =>
        isStudies(m.url)
          ? editText(res, (s) => s.replaceAll('"CT-THORAX"', '"18748-4"').replaceAll('"CT Thorax"', '"Diagnostic imaging study"'))
          : res;
    case 'series-dropped':
      return (_q, res, _ct, m) => (/\/series(\?|$)/.test(m.url) && m.status === 200 ? { status: 204, body: Buffer.alloc(0) } : res);
    case 'retrieve-corrupt':
      // One byte near the end of the last part (its pixel data), the framing left intact.
      return (_q, res, _ct, m) => {
        if (!/\/series\/[^/?]+$/.test(m.url.split('?')[0]!) || m.status !== 200 || res.length < 400) return res;
        const out = Buffer.from(res);
        out[out.length - 150] = out[out.length - 150]! ^ 0xff;
        return out;
      };
    case 'unscoped-answered':
      return (_q, res, _ct, m) =>
        isStudies(m.url) && !m.url.includes('PatientID=')
          ? { status: 200, body: Buffer.from('[]'), contentType: 'application/dicom+json' }
          : res;
    default:
      return (_q, res) => res;
  }
}
