import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../../model/exchange.ts';
import { sampleRun } from '../sample-run.ts';
import { asText, EXCERPT_BYTES, failedEvidenceIds, readExcerpts } from './excerpts.ts';
import { EvidenceWriter } from './writer.ts';

const root = mkdtempSync(join(tmpdir(), 'mcwg-excerpts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function exchange(id: string, over: Partial<Exchange> = {}): Exchange {
  return {
    id,
    at: '2026-01-02T03:04:05.000Z',
    transaction: 'ITI-41',
    from: 'sut',
    to: 'our repository',
    request: { method: 'POST', url: '/xds/repository', contentType: 'application/soap+xml', size: 0 },
    response: { status: 500, contentType: 'application/soap+xml', size: 0 },
    ...over,
  };
}

describe('readExcerpts', () => {
  test('shows bodies as text up to the bound, names binary bodies without their bytes, and skips unknown ids', async () => {
    const dir = join(root, 'evidence');
    const w = new EvidenceWriter(dir);
    const big = `<Envelope>${'x'.repeat(EXCERPT_BYTES * 3)}</Envelope>`;
    await w.addExchange(exchange('ex-1'), { request: big, response: '<Fault>bad</Fault>' });
    const dicom = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.alloc(500, 1)]);
    await w.addExchange(
      exchange('ex-2', {
        transaction: 'RAD-107',
        request: { method: 'GET', url: '/studies/1.2', size: 0 },
        response: { status: 200, contentType: 'multipart/related; type="application/dicom"', size: 0 },
      }),
      { response: dicom },
    );
    await w.addExchange(
      exchange('ex-3', {
        transaction: 'HL7 ORU^R01',
        request: { summary: 'MSH|^~\\&|RIS', size: 0, body: 'MSH|^~\\&|RIS\rPID|1\r' },
        error: 'closed before ACK',
      }),
    );
    await w.finish('{}');

    const got = await readExcerpts(dir, ['ex-1', 'ex-2', 'ex-3', 'missing']);
    expect(Object.keys(got)).toEqual(['ex-1', 'ex-2', 'ex-3']);
    expect(got['ex-1']?.request).toMatchObject({ line: 'POST /xds/repository', size: big.length, more: big.length - EXCERPT_BYTES });
    expect(got['ex-1']?.request.text).toHaveLength(EXCERPT_BYTES);
    expect(got['ex-1']?.response).toMatchObject({ line: 'HTTP 500', text: '<Fault>bad</Fault>', more: 0 });
    expect(got['ex-2']?.response).toMatchObject({ line: 'HTTP 200', size: dicom.length, text: null, more: 0 });
    expect(got['ex-3']).toMatchObject({
      transaction: 'HL7 ORU^R01',
      error: 'closed before ACK',
      request: { line: 'MSH|^~\\&|RIS', text: 'MSH|^~\\&|RIS\nPID|1\n' },
    });
  });

  test('treats NUL bytes, control noise and binary content types as binary', () => {
    expect(asText(Buffer.from('a\u0000b'), 'text/plain')).toBeNull();
    expect(asText(Buffer.from('\u0001\u0002\u0003abc'), '')).toBeNull();
    expect(asText(Buffer.from('plain'), 'application/dicom')).toBeNull();
    expect(asText(Buffer.from('Zürich'), 'text/plain')).toBe('Zürich');
    // A multi-byte character cut by the bound is dropped, not shown as a replacement mark.
    expect(asText(Buffer.from('ab東').subarray(0, 4), '')).toBe('ab');
  });
});

describe('failedEvidenceIds', () => {
  test('takes the evidence of failed and error tests only, once each', () => {
    const run = sampleRun();
    run.tests[2]!.evidence = ['ex-0003', 'ex-0002'];
    expect(failedEvidenceIds(run)).toEqual(['ex-0002', 'ex-0003']);
  });
});
