// Image Display core: the right status page for each refusal, and a viewer page that shows
// the study from its WADO-RS metadata with every text escaped and nothing external.
import { describe, expect, test } from 'vitest';
import { IID_STUDY, iidSeries, iidStudyMetadata } from '../../fixtures/builders/iid-study.ts';
import { invokeImageDisplay, type ImageDisplayOptions } from './core.ts';

const STUDY = IID_STUDY;
const SE = iidSeries;
const studyMetadata = iidStudyMetadata;

function displayOptions(over: Partial<ImageDisplayOptions> = {}): ImageDisplayOptions {
  return {
    authenticate: (h) =>
      h['authorization'] === 'Bearer good'
        ? { ok: true, user: 'dr.house' }
        : { ok: false, status: 401, reason: 'a bearer token is required' },
    metadata: async (uid) => (uid === STUDY ? studyMetadata() : undefined),
    wadoBase: '/dicom-web',
    ...over,
  };
}

const AUTH = { authorization: 'Bearer good' };
const iid = (query: string, headers: Record<string, string> = AUTH, path = '/iid/IHEInvokeImageDisplay') => ({
  path,
  query: new URLSearchParams(query),
  headers,
});

describe('refusals (IID-003, IID-006)', () => {
  test('401 with a Bearer challenge and no study data without credentials', async () => {
    const r = await invokeImageDisplay(iid(`requestType=STUDY&studyUID=${STUDY}`, {}), displayOptions());
    expect([r.status, r.headers['WWW-Authenticate']]).toEqual([401, 'Bearer realm="mcwg-iid"']);
    expect(r.body).not.toContain(STUDY);
    expect(r.body).not.toContain('<img');
  });
  test('401 comes before parameter checks: an anonymous caller learns nothing', async () => {
    expect((await invokeImageDisplay(iid('requestType=NONSENSE', {}), displayOptions())).status).toBe(401);
  });
  test('403 when the authorisation hook says no', async () => {
    const r = await invokeImageDisplay(iid(`requestType=STUDY&studyUID=${STUDY}`), displayOptions({ authorize: () => false }));
    expect([r.status, r.body.includes('dr.house')]).toEqual([403, true]);
  });
  test('403 straight from authentication (e.g. token without the viewer scope)', async () => {
    const r = await invokeImageDisplay(
      iid(`requestType=STUDY&studyUID=${STUDY}`),
      displayOptions({ authenticate: () => ({ ok: false, status: 403, reason: 'scope missing' }) }),
    );
    expect([r.status, r.headers['WWW-Authenticate']]).toEqual([403, undefined]);
  });
  test.each([
    ['', /requestType is missing/],
    ['requestType=SERIES', /STUDY or PATIENT/],
    ['requestType=STUDY', /studyUID or accessionNumber/],
    ['requestType=STUDY&studyUID=1.02', /not a DICOM UID/],
    [`requestType=STUDY&studyUID=${STUDY}&diagnosticQuality=yes`, /true or false/],
    ['requestType=PATIENT', /needs patientID/],
    ['requestType=PATIENT&patientID=PAT-0001', /not offered/],
    ['requestType=STUDY&accessionNumber=ACC-0042', /lookup is not offered/],
  ])('400 for %s', async (query, message) => {
    const r = await invokeImageDisplay(iid(query), displayOptions());
    expect(r.status).toBe(400);
    expect(r.body).toMatch(message);
  });
  test('404 page, not an empty viewer, for an unknown study', async () => {
    const r = await invokeImageDisplay(iid('requestType=STUDY&studyUID=1.2.3.4'), displayOptions());
    expect([r.status, r.headers['Content-Type'], r.body.includes('<img')]).toEqual([404, 'text/html; charset=utf-8', false]);
  });
  test('404 when the study belongs to another patient than patientID names', async () => {
    const r = await invokeImageDisplay(iid(`requestType=STUDY&studyUID=${STUDY}&patientID=OTHER^^^%261.2%26ISO`), displayOptions());
    expect([r.status, r.body.includes('DOE')]).toEqual([404, false]);
  });
  test('502 when the WADO-RS source fails; 404 for another path', async () => {
    expect(
      (
        await invokeImageDisplay(
          iid(`requestType=STUDY&studyUID=${STUDY}`),
          displayOptions({
            metadata: async () => {
              throw new Error('ECONNREFUSED');
            },
          }),
        )
      ).status,
    ).toBe(502);
    expect((await invokeImageDisplay(iid('requestType=STUDY', AUTH, '/iid/other'), displayOptions())).status).toBe(404);
  });
});

describe('viewer page (IID-003, GW-009)', () => {
  test('shows the study, its series in order and one rendered thumbnail per instance', async () => {
    const r = await invokeImageDisplay(
      iid(`requestType=STUDY&studyUID=${STUDY}&patientID=PAT-0001^^^%261.2.3.4.5.6.2%26ISO&diagnosticQuality=true`),
      displayOptions(),
    );
    expect([r.status, r.headers['Content-Type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(r.body).toContain('DOE JANE (PAT-0001)');
    expect(r.body).toContain('2024-03-15');
    expect(r.body).toContain('diagnostic');
    expect([...r.body.matchAll(/data-series-uid="([^"]+)"/g)].map((m) => m[1])).toEqual([SE(1), SE(2)]);
    expect([...r.body.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      `/dicom-web/studies/${STUDY}/series/${SE(1)}/instances/${SE(1)}.1/rendered`,
      `/dicom-web/studies/${STUDY}/series/${SE(1)}/instances/${SE(1)}.2/rendered`,
      `/dicom-web/studies/${STUDY}/series/${SE(2)}/instances/${SE(2)}.1/rendered`,
    ]);
  });
  test('is self-contained: no script, CSP header equal to the meta tag, images from the source only', async () => {
    const r = await invokeImageDisplay(
      iid(`requestType=STUDY&studyUID=${STUDY}`),
      displayOptions({ wadoBase: 'https://pacs.example.org/dicom-web' }),
    );
    const csp = r.headers['Content-Security-Policy']!;
    expect(csp).toMatch(/default-src 'none'.*img-src https:\/\/pacs\.example\.org data:;.*script-src 'none'/);
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(r.body)?.[1]
      ?.replace(/&#x27;/g, "'")
      .replace(/&#x3D;/g, '=');
    expect(`${meta}; frame-ancestors 'self'`).toBe(csp);
    expect(r.body).not.toMatch(/<script|@import|url\(/i);
    expect([...r.body.matchAll(/<link[^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="icon" href="data:,">']);
    const refs = [...r.body.matchAll(/\b(?:src|href|action|srcset)="([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(4);
    expect(refs.filter((u) => !u.startsWith('https://pacs.example.org/dicom-web/studies/'))).toEqual(['data:,']);
  });
  test('escapes hostile text from the metadata', async () => {
    const r = await invokeImageDisplay(
      iid(`requestType=STUDY&studyUID=${STUDY}`),
      displayOptions({ metadata: async () => studyMetadata('<script>alert(1)</script>') }),
    );
    expect(r.body).not.toContain('<script>alert(1)');
    expect(r.body).toContain('&lt;script&gt;');
  });
  test('several studies: the known ones shown, the unknown listed', async () => {
    const r = await invokeImageDisplay(iid(`requestType=STUDY&studyUID=${STUDY},1.2.3.4`), displayOptions());
    expect([r.status, /Not found and not shown: 1\.2\.3\.4/.test(r.body)]).toEqual([200, true]);
  });
  test('accessionNumber and PATIENT requests through the lookups the display offers', async () => {
    const o = displayOptions({ studiesByAccession: async (a) => (a === 'ACC-0042' ? [STUDY] : []), studiesOfPatient: async () => [STUDY] });
    expect((await invokeImageDisplay(iid('requestType=STUDY&accessionNumber=ACC-0042'), o)).status).toBe(200);
    expect((await invokeImageDisplay(iid('requestType=STUDY&accessionNumber=NOPE'), o)).status).toBe(404);
    expect((await invokeImageDisplay(iid('requestType=PATIENT&patientID=PAT-0001'), o)).status).toBe(200);
  });
});
